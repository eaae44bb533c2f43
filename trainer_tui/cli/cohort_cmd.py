"""``trainer-tui cohort add|list`` and ``trainer-tui trainer add|list``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.i18n import format_date, t
from trainer_tui.services import enrolment
from trainer_tui.services.parsing import parse_date, parse_number
from trainer_tui.services.records import values_of


def register(commands: Any) -> None:
    """Add the ``cohort`` and ``trainer`` commands."""
    cohort = add_command(commands, "cohort", "cli.cohort.help")
    actions = add_actions(cohort)
    add = add_command(actions, "add", "cli.cohort.add")
    add.add_argument("--name", required=True, help=t("cli.arg.cohort_name"))
    add.add_argument("--campus", required=True, help=t("cli.arg.campus"))
    add.add_argument("--start", required=True, metavar="DATE", help=t("cli.arg.date"))
    add.add_argument("--end", required=True, metavar="DATE", help=t("cli.arg.date"))
    add.add_argument("--hours", default="400", help=t("cli.arg.hours"))
    add.add_argument("--driving-hours", default="21", help=t("cli.arg.driving_hours"))
    add.set_defaults(handler=run_add)
    listing = add_command(actions, "list", "cli.cohort.list")
    listing.add_argument("--json", action="store_true", help=t("cli.arg.json"))
    listing.set_defaults(handler=run_list)

    trainer = add_command(commands, "trainer", "cli.trainer.help")
    trainer_actions = add_actions(trainer)
    add_trainer = add_command(trainer_actions, "add", "cli.trainer.add")
    add_trainer.add_argument("--name", required=True, help=t("cli.arg.trainer_name"))
    add_trainer.add_argument("--initials", required=True, help=t("cli.arg.initials"))
    add_trainer.set_defaults(handler=run_add_trainer)
    list_trainers = add_command(trainer_actions, "list", "cli.trainer.list")
    list_trainers.set_defaults(handler=run_list_trainers)


def run_add(args: argparse.Namespace) -> int:
    """Create a cohort and print its id."""
    with open_workspace(args) as ws:
        cohort = enrolment.create_cohort(
            ws,
            name=args.name,
            campus=args.campus,
            start=parse_date(args.start, "start"),
            end=parse_date(args.end, "end"),
            training_hours=parse_number(args.hours, "hours"),
            driving_hours=parse_number(args.driving_hours, "driving_hours"),
        )
        out(t("cli.cohort.added", id=cohort.id, name=cohort.name))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List cohorts, most recent first."""
    with open_workspace(args) as ws:
        cohorts = ws.cohorts()
        if args.json:
            out(
                json.dumps(
                    [values_of(c) | {"id": c.id} for c in cohorts],
                    ensure_ascii=False,
                    indent=2,
                    sort_keys=True,
                )
            )
            return 0
        if not cohorts:
            out(t("cli.cohort.none"))
        for cohort in cohorts:
            count = len(ws.cohort_records(cohort).trainees)
            out(
                t(
                    "cli.cohort.row",
                    id=cohort.id,
                    name=cohort.name,
                    campus=cohort.campus,
                    start=format_date(cohort.start),
                    end=format_date(cohort.end),
                    count=count,
                )
            )
    return 0


def run_add_trainer(args: argparse.Namespace) -> int:
    """Add a trainer or driving instructor."""
    with open_workspace(args) as ws:
        trainer = enrolment.add_trainer(ws, name=args.name, initials=args.initials)
        out(t("cli.trainer.added", name=trainer.name, initials=trainer.initials))
    return 0


def run_list_trainers(args: argparse.Namespace) -> int:
    """List trainers by name."""
    with open_workspace(args) as ws:
        for trainer in ws.trainers():
            out(f"{trainer.initials:<5} {trainer.name}")
    return 0
