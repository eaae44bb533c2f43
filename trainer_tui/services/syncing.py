"""Sync with a folder and check the data's integrity, as use cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_tui.i18n import has, t
from trainer_tui.services import keys
from trainer_tui.services import records as rec
from trainer_tui.services.erasure import forget_derived
from trainer_tui.services.record_repair import RejectedWrite
from trainer_tui.services.status import conflict_as_dict
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL, SetAside, SyncReport, sync_folder
from trainer_tui.storage.check import IntegrityReport, file_holding, verify_replica
from trainer_tui.storage.clocks import held_clock_skews
from trainer_tui.storage.importing import Progress
from trainer_tui.storage.sync_report import ClockSkew


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
    #: Writes left out of their record, and the file each came from (services/record_repair).
    rejected: list[tuple[RejectedWrite, Path | None]]


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
    lines.extend(clock_warnings(ws, report.skews))
    return lines


def clock_warnings(
    ws: Workspace, received: Sequence[ClockSkew] = (), *, short: bool = False
) -> list[str]:
    """Laptops whose clock is over 10 minutes ahead of this one's, named, in words.

    From the ops ``received`` by a sync and the newest ops this laptop holds (so that a
    laptop whose own clock is behind is told so each time it opens, not only once).
    ``short`` words fit a line of a screen.
    """
    own, suffix = ws.replica.device.id, "_short" if short else ""
    worst: dict[str, int] = {}
    for skew in [*received, *held_clock_skews(ws.replica)]:
        worst[skew.device] = max(worst.get(skew.device, 0), skew.minutes)
    return [
        t(f"cli.sync.trust.skew_self{suffix}", lag=_lag(minutes))
        if device == own
        else t(f"cli.sync.trust.skew{suffix}", device=_laptop_name(ws, device), lag=_lag(minutes))
        for device, minutes in sorted(worst.items())
    ]


def _lag(minutes: int) -> str:
    """``12 min``, ``3 h 05`` or ``2 j 4 h``: how far off a clock is, as people say it."""
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return t("cli.sync.trust.lag_days", days=days, hours=hours)
    if hours:
        return t("cli.sync.trust.lag_hours", hours=hours, minutes=minutes)
    return t("cli.sync.trust.lag_minutes", minutes=minutes)


def check(ws: Workspace) -> CheckOutcome:
    """Verify every file of the replica, every record, and list concurrent edits."""
    report = verify_replica(ws.replica)
    return CheckOutcome(report, _visible_conflicts(ws), rejected_writes(ws))


def rejected_writes(ws: Workspace) -> list[tuple[RejectedWrite, Path | None]]:
    """Every write the domain refuses, with the file it came from, by partition and record.

    Reads every record of every partition: the writes are judged as records are read.
    """
    for name in ws.replica.partition_names():
        for kind, model in rec.MODELS.items():
            for _ in ws.records(name, kind, model):
                pass
    found = sorted(ws.rejected.values(), key=lambda w: (w.partition, w.entity_id, w.op_id))
    return [(w, file_holding(ws.replica, w.partition, w.device, w.op_id)) for w in found]


def describe_rejected(ws: Workspace, write: RejectedWrite, path: Path | None) -> str:
    """A write set aside, in words: which record, which value, from which laptop and file."""
    kind_key = f"cli.check.kind.{write.kind}"
    return t(
        "cli.check.rejected",
        kind=t(kind_key) if has(kind_key) else write.kind,
        record=write.entity_id,
        field=write.field,
        value=write.value,
        device=_laptop_name(ws, write.device),
        path=str(path) if path else t("cli.check.rejected_nowhere"),
    )
