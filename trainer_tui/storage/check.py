"""Integrity check of a replica: every file read and verified, problems set aside."""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer_tui.storage.layout import SetAside, segment_files, subfolders
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.segments import BadSegment, read_segment


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
        report.segments += 1
        report.ops += len(segment.ops)
    for name in replica.partition_names():
        report.clashes.extend(sorted(replica.partition(name).clashes))
    report.set_aside = replica.set_aside[before:]
    return report
