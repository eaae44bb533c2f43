"""Sync with a folder and check the data's integrity, as use cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_tui.services import keys
from trainer_tui.services.erasure import forget_derived
from trainer_tui.services.status import conflict_as_dict
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL, SetAside, SyncReport, sync_folder
from trainer_tui.storage.check import IntegrityReport, verify_replica
from trainer_tui.storage.sync import Progress


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """A sync's report plus the concurrent edits now visible and files set aside locally."""

    report: SyncReport
    conflicts: list[dict[str, Any]]
    local_set_aside: list[SetAside]


def _visible_conflicts(ws: Workspace) -> list[dict[str, Any]]:
    names = [GLOBAL] + [c.id for c in ws.cohorts()]
    return [conflict_as_dict(n, c) for n in names for c in ws.partition(n).conflicts()]


def sync(ws: Workspace, folder: Path, progress: Progress | None = None) -> SyncOutcome:
    """Two-way sync with ``folder``; raises ``SyncFolderInvalid`` for an unusable folder."""
    report = sync_folder(ws.replica, folder, progress, keys.descriptor_facts(ws))
    keys.learn_keys(ws, report.descriptors)
    forget_derived(ws, report.erased_partitions)
    return SyncOutcome(report, _visible_conflicts(ws), list(ws.replica.set_aside))


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """The integrity check's findings."""

    report: IntegrityReport
    conflicts: list[dict[str, Any]]


def check(ws: Workspace) -> CheckOutcome:
    """Verify every file of the replica and list concurrent edits."""
    report = verify_replica(ws.replica)
    return CheckOutcome(report, _visible_conflicts(ws))
