"""Integrity check of a replica: every file read and verified, problems set aside."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from trainer_tui.storage.replica import Replica, SetAside, _dirs
from trainer_tui.storage.segments import BadSegment, is_ignored, read_segment


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
    for part_dir in _dirs(replica.replica_dir):
        report.partitions += 1
        for device_dir in _dirs(Path(part_dir.path)):
            for entry in sorted(os.scandir(device_dir.path), key=lambda e: e.name):
                if is_ignored(entry.name) or not entry.is_file():
                    continue
                try:
                    segment = read_segment(Path(entry.path), part_dir.name, device_dir.name)
                except BadSegment as error:
                    replica.quarantine(Path(entry.path), error.reason, error.detail)
                    continue
                report.segments += 1
                report.ops += len(segment.ops)
    for name in replica.partition_names():
        report.clashes.extend(sorted(replica.partition(name).clashes))
    report.set_aside = replica.set_aside[before:]
    return report
