"""Integrity check of a replica: every file read and verified, problems set aside."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer_tui.storage.layout import SetAside, segment_files, subfolders
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.segments import BadSegment, read_segment
from trainer_tui.storage.signature import is_valid_signature
from trainer_tui.storage.trust import BAD_SIGNATURE


@dataclass(slots=True)
class IntegrityReport:
    """What the check read and what it had to set aside."""

    segments: int = 0
    ops: int = 0
    partitions: int = 0
    set_aside: list[SetAside] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)


def verify_replica(replica: Replica) -> IntegrityReport:
    """Read and verify every sealed segment; move damaged ones to quarantine."""
    report = IntegrityReport()
    before = len(replica.set_aside)
    report.partitions = len(subfolders(replica.replica_dir))
    for partition, device, path in segment_files(replica.replica_dir):
        try:
            segment = read_segment(path, partition, device)
        except BadSegment as error:
            replica.quarantine(path, error.reason, error.detail)
            continue
        # The name covers the body only: a damaged signature would be published as it is,
        # and refused by every other laptop. Set aside; a good copy comes back by sync.
        if segment.key and not is_valid_signature(segment.key, segment.signature, segment.body):
            replica.quarantine(path, BAD_SIGNATURE, device)
            continue
        report.segments += 1
        report.ops += len(segment.ops)
    for name in replica.partition_names():
        report.clashes.extend(sorted(replica.partition(name).clashes))
    report.set_aside = replica.set_aside[before:]
    return report


def file_holding(replica: Replica, partition: str, device: str, op_id: str) -> Path | None:
    """The segment file of this replica holding op ``op_id``, None if none does.

    This laptop's own unsealed ops are in its active file, given for them. Only reports of
    set-aside writes ask, one op at a time: the device's files are read until one holds it.
    """
    for _, _, path in segment_files(replica.replica_dir, partition):
        if path.parent.name != device:
            continue
        try:
            segment = read_segment(path, partition, device)
        except BadSegment:
            continue
        if any(op["id"] == op_id for op in segment.ops):
            return path
    active = replica.active_dir / f"{partition}.json"
    return active if device == replica.device.id and active.exists() else None
