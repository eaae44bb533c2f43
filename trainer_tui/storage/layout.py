"""Where files lie in a replica or a sync folder: ``<root>/<partition>/<device>/<file>``."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from trainer_tui.storage.files import ensure_dir, remove_stale_temps, write_atomic
from trainer_tui.storage.segments import is_ignored

#: The note beside a quarantined file: where it came from and why it was set aside.
WHY_SUFFIX = ".why.json"


@dataclass(frozen=True, slots=True)
class SetAside:
    """A file that could not be used, where it was and why (a message-catalogue code)."""

    path: str
    reason: str
    detail: str = ""


def subfolders(folder: Path) -> list[os.DirEntry[str]]:
    """Sub-folders of ``folder`` (none if it does not exist), sorted by name."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    # A symbolic link is never followed: a link planted in a sync folder must not lead a
    # sync to read or write anywhere else.
    return sorted(
        (e for e in entries if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")),
        key=lambda e: e.name,
    )


def segment_files(root: Path, partition: str | None = None) -> Iterator[tuple[str, str, Path]]:
    """``(partition, device, path)`` of every candidate segment file under ``root``.

    ``root`` is laid out ``<partition>/<device>/<file>``; OS litter and in-flight temporary
    files are skipped. With ``partition``, only that partition is walked.
    """
    parts = [root / partition] if partition else [Path(e.path) for e in subfolders(root)]
    for part_dir in parts:
        for device_dir in subfolders(part_dir):
            for entry in sorted(os.scandir(device_dir.path), key=lambda e: e.name):
                if entry.is_file(follow_symlinks=False) and not is_ignored(entry.name):
                    yield part_dir.name, device_dir.name, Path(entry.path)


def symlinks_under(root: Path) -> Iterator[Path]:
    """Every symbolic link at the partition, device or file level under ``root``."""
    try:
        levels = [e for e in os.scandir(root) if not e.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return
    for part in levels:
        if part.is_symlink():
            yield Path(part.path)
            continue
        for device in _entries(part.path):
            if device.is_symlink():
                yield Path(device.path)
                continue
            for entry in _entries(device.path):
                if entry.is_symlink():
                    yield Path(entry.path)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(folder))
    except (NotADirectoryError, FileNotFoundError):
        return []


def remove_stale_segment_temps(root: Path) -> None:
    """Remove the temporary files that interrupted writes left beside the segments."""
    for part_dir in subfolders(root):
        for device_dir in subfolders(Path(part_dir.path)):
            remove_stale_temps(Path(device_dir.path))


def partition_fingerprint(replica_dir: Path, active_dir: Path, name: str) -> str:
    """A digest that changes whenever partition ``name``'s files do, without reading them.

    Sealed segments never change and carry their content hash in their name, so their
    names stand for them; the small active file is hashed whole. Caches of results
    computed from a partition (the dashboard's) are keyed by this.
    """
    digest = hashlib.sha256()
    for _, device, path in segment_files(replica_dir, name):
        digest.update(f"{device}/{path.name}\n".encode())
    try:
        digest.update((active_dir / f"{name}.json").read_bytes())
    except FileNotFoundError:
        digest.update(b"no active file")
    return digest.hexdigest()


def quarantine_file(quarantine_dir: Path, path: Path, reason: str, detail: str = "") -> SetAside:
    """Move an unusable file into ``quarantine_dir`` (never delete it), noting why."""
    ensure_dir(quarantine_dir)
    target = quarantine_dir / f"{secrets.token_hex(3)}-{path.name}"
    with contextlib.suppress(OSError):
        path.replace(target)
        why = {"from": str(path), "reason": reason, "detail": detail}
        write_atomic(target.with_name(target.name + WHY_SUFFIX), json.dumps(why).encode())
    return SetAside(str(path), reason, detail)


def purge_quarantine(quarantine_dir: Path, partition: str, entity_ids: Iterable[str]) -> int:
    """Delete the set-aside files that may hold erased data; return how many.

    Quarantine keeps damaged or refused files for a person to look at, but an erasure
    must reach every copy: a file set aside from ``partition``, or one naming an erased
    entity, is deleted. Its note (``.why.json``) stays, saying it was erased.
    """
    wanted = [entity_id.encode() for entity_id in entity_ids]
    purged = 0
    for path in sorted(quarantine_dir.glob("*")) if quarantine_dir.is_dir() else []:
        if path.name.endswith(WHY_SUFFIX) or not path.is_file() or path.is_symlink():
            continue
        note = path.with_name(path.name + WHY_SUFFIX)
        try:
            why = json.loads(note.read_bytes())
        except (OSError, ValueError):
            why = {}
        origin = Path(str(why.get("from", ""))) if isinstance(why, dict) else Path()
        if partition not in origin.parts and not any(w in path.read_bytes() for w in wanted):
            continue
        path.unlink()
        why = (why if isinstance(why, dict) else {}) | {"erased": True}
        write_atomic(note, json.dumps(why).encode())
        purged += 1
    return purged
