"""Sync with a folder and check the data's integrity, as use cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_tui.i18n import t
from trainer_tui.services import keys
from trainer_tui.services.erasure import forget_derived
from trainer_tui.services.status import conflict_as_dict
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL, SetAside, SyncReport, sync_folder
from trainer_tui.storage.check import IntegrityReport, verify_replica
from trainer_tui.storage.importing import Progress


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """A sync's report plus the concurrent edits now visible and files set aside locally."""

    report: SyncReport
    conflicts: list[dict[str, Any]]
    local_set_aside: list[SetAside]
    #: Copies detected, laptops admitted, clocks that are off (trust_notices), in words.
    notices: list[str]


def _visible_conflicts(ws: Workspace) -> list[dict[str, Any]]:
    names = [GLOBAL] + [c.id for c in ws.cohorts()]
    return [conflict_as_dict(n, c) for n in names for c in ws.partition(n).conflicts()]


def sync(ws: Workspace, folder: Path, progress: Progress | None = None) -> SyncOutcome:
    """Two-way sync with ``folder``; raises ``SyncFolderInvalid`` for an unusable folder."""
    report = sync_folder(ws.replica, folder, progress, keys.descriptor_facts(ws))
    forget_derived(ws, report.erased_partitions)
    notices = trust_notices(ws, report)
    return SyncOutcome(report, _visible_conflicts(ws), list(ws.replica.set_aside), notices)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """The integrity check's findings."""

    report: IntegrityReport
    conflicts: list[dict[str, Any]]


def _laptop_name(ws: Workspace, device: str) -> str:
    member = ws.replica.trust.members.get(device)
    return f"{member.label} ({device})" if member and member.label else device


def trust_notices(ws: Workspace, report: SyncReport) -> list[str]:
    """What a sync found about the school's laptops, in words: copies, admissions, clocks."""
    lines = []
    for copy in report.copies:
        key = (
            "cli.sync.trust.copy_restored"
            if copy.get("reason") == "restored"
            else ("cli.sync.trust.copy_moved")
        )
        lines.append(t(key, old=copy.get("from", "?"), new=copy.get("to", "?")))
    lines.extend(t("cli.sync.trust.admitted", device=_laptop_name(ws, d)) for d in report.admitted)
    lines.extend(
        t("cli.sync.trust.skew", device=_laptop_name(ws, skew.device), minutes=skew.minutes)
        for skew in report.skews
    )
    return lines


def check(ws: Workspace) -> CheckOutcome:
    """Verify every file of the replica and list concurrent edits."""
    report = verify_replica(ws.replica)
    return CheckOutcome(report, _visible_conflicts(ws))
