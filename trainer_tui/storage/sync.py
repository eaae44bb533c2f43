"""Two-way sync with a folder (USB stick, shared drive, cloud-sync folder) by file copy.

The folder holds only sealed segments and one descriptor per device::

    <folder>/trainer-tui/segments/<partition>/<device>/<seq>-<hash>.json
    <folder>/trainer-tui/devices/<device>.json

Sync imports every segment this laptop lacks (conflict copies included, verified by hash),
then publishes every local segment the folder lacks, this laptop's and others'. Nothing in
the folder is ever modified, and nothing deleted but the segments an erasure superseded
(storage/erasure.py): copying it around in any order only adds data.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer_tui.storage.files import ensure_dir, write_atomic
from trainer_tui.storage.layout import SetAside, segment_files
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.segments import (
    CONFLICT_COPY,
    BadSegment,
    parse_name,
    read_segment,
    segment_name,
)

SYNC_ROOT = "trainer-tui"
SEGMENTS_DIR = "segments"
DEVICES_DIR = "devices"

Progress = Callable[[int, int], None]


class SyncFolderInvalid(Exception):
    """The chosen folder cannot be a sync folder; ``reason`` is a message code."""

    def __init__(self, reason: str, folder: Path) -> None:
        self.reason = reason
        self.folder = folder
        super().__init__(f"{reason}: {folder}")


@dataclass(slots=True)
class SyncReport:
    """What a sync did: segments and ops in, segments out, files set aside."""

    imported_segments: int = 0
    imported_ops: int = 0
    published_segments: int = 0
    repaired_segments: int = 0
    conflict_copies: int = 0
    own_segments_found: int = 0
    #: Erasures carried out here by this sync, and superseded files removed from the folder.
    erased_partitions: list[str] = field(default_factory=list)
    superseded_removed: int = 0
    devices: list[str] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    #: Every other device's descriptor found in the folder (public facts only: public keys).
    descriptors: dict[str, dict[str, Any]] = field(default_factory=dict)


def _check_folder(replica: Replica, folder: Path) -> Path:
    if not folder.is_dir():
        raise SyncFolderInvalid("sync_not_a_folder", folder)
    resolved, data = folder.resolve(), replica.data_dir.resolve()
    if resolved == data or data in resolved.parents or resolved in data.parents:
        raise SyncFolderInvalid("sync_inside_data", folder)
    return folder / SYNC_ROOT


def sync_folder(
    replica: Replica,
    folder: Path,
    progress: Progress | None = None,
    public: dict[str, Any] | None = None,
) -> SyncReport:
    """Exchange segments with ``folder`` in both directions and return what happened.

    ``public`` adds facts to this device's descriptor that others may read (its public
    signing key and label); the others' descriptors come back in the report.
    """
    root = _check_folder(replica, folder)
    report = SyncReport()
    replica.seal_all()
    local = replica.sealed_names()
    present: dict[tuple[str, str, str], int] = {}  # canonical names in the folder: size
    candidates = []
    found: list[tuple[tuple[str, str, str], Path]] = []  # every file, by canonical name
    for partition, device, path in segment_files(root / SEGMENTS_DIR):
        key = (partition, device, path.name)
        parsed = parse_name(path.name)
        if parsed is not None:
            found.append(((partition, device, f"{parsed[0]:08d}-{parsed[1]}.json"), path))
            if replica.is_superseded(*found[-1][0]):
                continue  # erased: never read again, removed below
        if parsed is not None and not parsed[2]:
            present[key] = path.stat().st_size
            if key in local:
                continue
        candidates.append((key, path))
    total = len(candidates) + len(local - present.keys())
    superseded_before = len(replica.erasures.superseded)
    with _no_gc():
        done = _import(replica, candidates, report, progress, total)
    for partition in replica.erasures_pending():
        replica.apply_erasures(partition)
        report.erased_partitions.append(partition)
    if len(replica.erasures.superseded) != superseded_before:
        replica.save_erasures()  # what the import redacted, recorded once
    _remove_superseded(replica, found, present, report)
    done = _publish(replica, root, present, report, progress, total, done)
    _publish_descriptor(replica, root, public or {})
    report.descriptors = _read_descriptors(root, replica.device.id)
    if (
        report.imported_segments
        or report.published_segments
        or report.repaired_segments
        or report.superseded_removed
    ):
        os.sync()  # one flush for every copy made above, in both directions
    report.devices = sorted(p.stem for p in (root / DEVICES_DIR).glob("*.json"))
    return report


def _remove_superseded(
    replica: Replica,
    found: list[tuple[tuple[str, str, str], Path]],
    present: dict[tuple[str, str, str], int],
    report: SyncReport,
) -> None:
    """Delete from the folder the segments an erasure replaced by redacted copies.

    The one deletion a sync makes (storage/erasure.py): each of these files holds personal
    data that its owner asked to erase, and its redacted copy is published instead.
    """
    for key, path in found:
        if replica.is_superseded(*key):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            present.pop((key[0], key[1], path.name), None)
            report.superseded_removed += 1


def _read_descriptors(root: Path, own: str) -> dict[str, dict[str, Any]]:
    """The other devices' descriptors; an unreadable one is skipped (it is only a convenience)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((root / DEVICES_DIR).glob("*.json")):
        if path.stem == own:
            continue
        try:
            record = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and record.get("id") == path.stem:
            found[path.stem] = record
    return found


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while importing.

    Decoding many small JSON objects triggers it over and over although they form no
    cycles: it cost a quarter of the import time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(
    replica: Replica,
    candidates: list[tuple[tuple[str, str, str], Path]],
    report: SyncReport,
    progress: Progress | None,
    total: int,
) -> int:
    """Read, verify and keep every candidate segment of the folder; return progress done."""
    done = 0
    for (partition, device, _name), path in sorted(candidates):
        done += 1
        if progress:
            progress(done, total)
        try:
            segment = read_segment(path, partition, device)
        except BadSegment as error:
            report.set_aside.append(SetAside(str(path), error.reason, error.detail))
            continue
        if CONFLICT_COPY.search(path.name):
            report.conflict_copies += 1
        own = device == replica.device.id
        # An erasure's redacted copy of one of this laptop's segments is not a lost one.
        own = own and not replica.holds_sequence(partition, device, segment.seq)
        if replica.import_segment(segment):
            report.imported_segments += 1
            report.imported_ops += len(segment.ops)
            if own:
                report.own_segments_found += 1
    return done


def _publish(
    replica: Replica,
    root: Path,
    present: dict[tuple[str, str, str], int],
    report: SyncReport,
    progress: Progress | None,
    total: int,
    done: int,
) -> int:
    """Copy every local segment the folder lacks (or holds torn); return progress done."""
    for key in sorted(replica.sealed_names()):
        partition, device, name = key
        source = replica.replica_dir / partition / device / name
        size = present.get(key)
        if size is not None and size == source.stat().st_size:
            continue  # already there, whole (same name and size: same bytes)
        done += 1
        if progress:
            progress(done, total)
        data = source.read_bytes()
        if segment_name(parse_name(name)[0], data) != name:  # type: ignore[index]
            # Damaged on this laptop's disk: never spread it; a good copy may come back.
            replica.quarantine(source, "damaged")
            continue
        target_dir = root / SEGMENTS_DIR / partition / device
        ensure_dir(target_dir)
        # A folder copy of the same name with another size is torn: the verified bytes
        # replace it (a canonical name has only one valid content).
        write_atomic(target_dir / name, data, durable=False)
        if size is None:
            report.published_segments += 1
        else:
            report.repaired_segments += 1
    return done


def _publish_descriptor(replica: Replica, root: Path, public: dict[str, Any]) -> None:
    """Write this device's descriptor (only this device ever writes it)."""
    folder = root / DEVICES_DIR
    ensure_dir(folder)
    path = folder / f"{replica.device.id}.json"
    record = {**public, "id": replica.device.id, "name": replica.device.name}
    data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        write_atomic(path, data)
