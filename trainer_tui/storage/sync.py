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
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trainer_tui.storage import pairing
from trainer_tui.storage.files import ensure_dir, write_atomic
from trainer_tui.storage.folder import (
    DEVICES_DIR,
    SEGMENTS_DIR,
    SYNC_ROOT,
    holds_body_named,
    is_real_folder,
    publish_descriptor,
    read_descriptors,
)
from trainer_tui.storage.importing import Progress, import_candidates
from trainer_tui.storage.laptops import RESTORED, become_new_laptop, untold_copies
from trainer_tui.storage.layout import SetAside, segment_files, symlinks_under
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.segments import parse_name, segment_name
from trainer_tui.storage.sync_report import SyncReport

__all__ = ["DEVICES_DIR", "SEGMENTS_DIR", "SYNC_ROOT", "SyncFolderInvalid", "sync_folder"]


class SyncFolderInvalid(Exception):
    """The chosen folder cannot be a sync folder; ``reason`` is a message code."""

    def __init__(self, reason: str, folder: Path) -> None:
        self.reason = reason
        self.folder = folder
        super().__init__(f"{reason}: {folder}")


def _check_folder(replica: Replica, folder: Path) -> Path:
    if not folder.is_dir():
        raise SyncFolderInvalid("sync_not_a_folder", folder)
    root = folder / SYNC_ROOT
    if any(p.is_symlink() for p in (root, root / SEGMENTS_DIR, root / DEVICES_DIR)):
        raise SyncFolderInvalid("sync_symlink", root)
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

    ``public`` adds facts to this device's descriptor that others may read (its label).
    Nothing but the school's signed segments is applied; nothing in the folder is followed
    through a symbolic link or rewritten, except a damaged copy of a segment held here.
    """
    root = _check_folder(replica, folder)
    report = SyncReport()
    report.set_aside.extend(
        SetAside(str(path), "symlink") for path in symlinks_under(root / SEGMENTS_DIR)
    )
    replica.seal_all()
    descriptors = read_descriptors(root)
    report.admitted = pairing.admit_joiners(replica, descriptors)
    local = replica.sealed_names()
    present: dict[tuple[str, str, str], Path] = {}  # canonical names in the folder
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
            present[key] = path
            if key in local:
                continue
        candidates.append((key, path))
    total = len(candidates) + len(local - present.keys())
    superseded_before = len(replica.erasures.superseded)
    with _no_gc():
        done = import_candidates(replica, candidates, report, progress, total)
    if report.restored_copy:
        report.new_device = become_new_laptop(replica, RESTORED)
    for partition in replica.erasures_pending():
        replica.apply_erasures(partition)
        report.erased_partitions.append(partition)
    if len(replica.erasures.superseded) != superseded_before:
        replica.save_erasures()  # what the import redacted, recorded once
    _remove_superseded(replica, found, present, report)
    replica.seal_all()  # what this sync wrote itself (admissions, a new identity)
    done = _publish(replica, root, present, report, progress, total, done)
    publish_descriptor(replica, root, public or {}, pairing.join_proof(replica))
    if (
        report.imported_segments
        or report.published_segments
        or report.repaired_segments
        or report.superseded_removed
    ):
        os.sync()  # one flush for every copy made above, in both directions
    report.devices = replica.trust.laptops()
    report.copies = untold_copies(replica.data_dir)
    return report


def _remove_superseded(
    replica: Replica,
    found: list[tuple[tuple[str, str, str], Path]],
    present: dict[tuple[str, str, str], Path],
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


def _publish(
    replica: Replica,
    root: Path,
    present: dict[tuple[str, str, str], Path],
    report: SyncReport,
    progress: Progress | None,
    total: int,
    done: int,
) -> int:
    """Copy every local segment the folder lacks (or holds damaged); return progress done."""
    for key in sorted(replica.sealed_names()):
        partition, device, name = key
        source = replica.replica_dir / partition / device / name
        there = present.get(key)
        if there is not None and holds_body_named(there):
            continue  # already there, whole (its body hashes to its name)
        done += 1
        if progress:
            progress(done, total)
        data = source.read_bytes()
        if segment_name(parse_name(name)[0], data) != name:  # type: ignore[index]
            # Damaged on this laptop's disk: never spread it; a good copy may come back.
            replica.quarantine(source, "damaged")
            continue
        target_dir = root / SEGMENTS_DIR / partition / device
        if not is_real_folder(root, target_dir) or (target_dir / name).is_symlink():
            continue  # a symbolic link on the way: reported above, never written through
        ensure_dir(target_dir)
        # A folder copy of the same name whose body does not hash to it is damaged: the
        # verified bytes replace it (a canonical name has only one valid body).
        write_atomic(target_dir / name, data, durable=False)
        if there is None:
            report.published_segments += 1
        else:
            report.repaired_segments += 1
    return done
