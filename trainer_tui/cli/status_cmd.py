"""``trainer-tui status``, ``sync FOLDER`` and ``check``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_command, out
from trainer_tui.i18n import decimal, has, t
from trainer_tui.services import syncing
from trainer_tui.services.status import status, status_json


def reason_text(code: str) -> str:
    """Why a file was set aside, in words."""
    key = f"reason.{code}"
    return t(key) if has(key) else code


def register(commands: Any) -> None:
    """Add the ``status``, ``sync`` and ``check`` commands."""
    state = add_command(commands, "status", "cli.status.help")
    state.add_argument("--json", action="store_true", help=t("cli.arg.json"))
    state.add_argument("--cohort", help=t("cli.arg.cohort"))
    state.set_defaults(handler=run_status)
    sync = add_command(commands, "sync", "cli.sync.help")
    sync.add_argument("folder", metavar="FOLDER", help=t("cli.sync.folder"))
    sync.set_defaults(handler=run_sync)
    check = add_command(commands, "check", "cli.check.help")
    check.set_defaults(handler=run_check)


def run_status(args: argparse.Namespace) -> int:
    """Print the derived state, as JSON for scripts or as a short summary."""
    with open_workspace(args) as ws:
        cohort = ws.cohort(args.cohort) if args.cohort else None
        if args.json:
            out(status_json(ws, cohort))
            return 0
        data = status(ws, cohort)
        for entry in data["cohorts"]:
            out(
                t(
                    "cli.status.cohort",
                    name=entry["name"],
                    campus=entry["campus"],
                    trainees=len(entry["trainees"]),
                    sessions=len(entry["sessions"]),
                )
            )
            for trainee in entry["trainees"]:
                out(
                    t(
                        "cli.status.trainee",
                        code=trainee["code"],
                        name=f"{trainee['last_name'].upper()} {trainee['first_name']}",
                        hours=decimal(trainee["training_minutes"] / 60, 1),
                        driving=decimal(trainee["driving_minutes"] / 60, 1),
                        proficient=trainee["proficient"],
                    )
                )
        if not data["cohorts"]:
            out(t("cli.cohort.none"))
        _print_conflicts(data["conflicts"])
        if ws.rejected:  # found while reading the records shown
            out(t("cli.status.rejected", count=len(ws.rejected)))
    return 0


def _print_conflicts(conflicts: list[dict[str, Any]]) -> None:
    if conflicts:
        out(t("cli.sync.conflicts", count=len(conflicts)))
    for conflict in conflicts:
        values = " / ".join(str(v) for v in conflict["values"])
        out(
            t(
                "cli.sync.conflict",
                kind=t(f"kind.{conflict['kind']}"),
                id=conflict["id"],
                field=conflict["field"],
                values=values,
                kept=conflict["kept"],
            )
        )


def run_sync(args: argparse.Namespace) -> int:
    """Sync with a folder and say what came in and went out."""
    with open_workspace(args) as ws:
        outcome = syncing.sync(ws, Path(args.folder))
        report = outcome.report
        out(
            t(
                "cli.sync.summary",
                imported=report.imported_segments,
                ops=report.imported_ops,
                published=report.published_segments,
                devices=len(report.devices),
            )
        )
        if report.repaired_segments:
            out(t("cli.sync.repaired", count=report.repaired_segments))
        if report.conflict_copies:
            out(t("cli.sync.conflict_copies", count=report.conflict_copies))
        if report.own_segments_found:
            out(t("cli.sync.own_found", count=report.own_segments_found))
        if report.erased_partitions or report.superseded_removed:
            out(
                t(
                    "erasure.synced" if report.superseded_removed else "erasure.synced_here",
                    files=report.superseded_removed,
                )
            )
        _print_conflicts(outcome.conflicts)
        for line in outcome.notices:
            out(line)
        for item in report.set_aside + outcome.local_set_aside:
            out(t("cli.sync.set_aside", path=item.path, reason=reason_text(item.reason)))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Verify every data file; exit 1 if anything had to be set aside."""
    with open_workspace(args) as ws:
        outcome = syncing.check(ws)
        report = outcome.report
        out(
            t(
                "cli.check.summary",
                segments=report.segments,
                ops=report.ops,
                partitions=report.partitions,
            )
        )
        problems = report.set_aside + [s for s in ws.replica.set_aside if s not in report.set_aside]
        for item in problems:
            out(t("cli.sync.set_aside", path=item.path, reason=reason_text(item.reason)))
        for clash in report.clashes:
            out(t("cli.check.clash", id=clash))
        for write, path in outcome.rejected:
            out(syncing.describe_rejected(ws, write, path))
        _print_conflicts(outcome.conflicts)
        if not problems and not report.clashes and not outcome.rejected:
            out(t("cli.check.ok"))
        return 1 if problems or report.clashes or outcome.rejected else 0
