"""``trainer-tui demo``: the demo cohort, with each trainee's progress, hours and driving."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_command, out
from trainer_tui.cli.tui_cmd import run_tui
from trainer_tui.config import DATA_ENV, demo_data_dir
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import TraineeStatus
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services.demo_service import CohortOverview, load_demo, overview_of
from trainer_tui.services.overview import TraineeOverview


def register(commands: Any) -> None:
    """Add the ``demo`` command."""
    parser = add_command(commands, "demo", "cli.demo.help")
    parser.add_argument("--print", action="store_true", help=t("cli.demo.print"))
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """Create (once) a data folder holding the demo cohort, then open it.

    On a terminal the TUI opens; otherwise (a pipe, a script, ``--print``) the overview is
    printed as a table.

    Without ``--data`` (or ``$TRAINER_TUI_DATA``) the demo gets a folder of its own, so demo
    trainees never mix with real ones.
    """
    if not args.data and not os.environ.get(DATA_ENV):
        args.data = str(demo_data_dir())
    if sys.stdout.isatty() and not args.print:
        return run_tui(args, demo=True)
    with open_workspace(args) as ws:
        cohort = load_demo(ws)
        out(render_overview(ws.catalogue, overview_of(ws, cohort)))
        out(t("cli.demo.where", folder=ws.replica.data_dir))
    return 0


def _hours(minutes: int) -> str:
    return decimal(minutes / 60, 1)


def _row(catalogue: Catalogue, row: TraineeOverview) -> str:
    trainee = row.trainee
    name = f"{trainee.last_name.upper()} {trainee.first_name}"
    training = f"{_hours(row.training.done_minutes)}/{_hours(row.training.target_minutes)}"
    driving = f"{_hours(row.driving.done_minutes)}/{_hours(row.driving.target_minutes)}"
    blocks = " ".join(f"{round(block.share * 100):>3}" for block in row.blocks)
    line = f"{name[:24]:<24} {trainee.code:<8} {training:>11} {driving:>9} "
    line += f"{row.proficient:>3}/{row.total:<3} {blocks}"
    if trainee.status is TraineeStatus.LEFT and trainee.left_on is not None:
        line += "  " + t("cli.demo.left", date=format_date(trainee.left_on))
    return line


def render_overview(catalogue: Catalogue, demo: CohortOverview) -> str:
    """The cohort as a fixed-width table: one trainee per line, a column per block (%)."""
    cohort = demo.cohort
    header = (
        f"{t('cli.demo.header_trainee'):<24} {t('cli.demo.header_code'):<8} "
        f"{t('cli.demo.header_hours'):>11} {t('cli.demo.header_driving'):>9} "
        f"{t('cli.demo.header_acquired'):>7} "
        + " ".join(f"{block.id:>3}" for block in catalogue.blocks)
    )
    lines = [
        t(
            "cli.demo.title" if cohort.id.startswith("demo-") else "cli.demo.title_cohort",
            cohort=cohort.name,
            campus=cohort.campus,
            start=format_date(cohort.start),
            end=format_date(cohort.end),
            today=format_date(demo.today),
        ),
        "",
        header,
        "-" * len(header),
    ]
    lines += [_row(catalogue, row) for row in demo.rows]
    lines += ["", t("cli.demo.legend")]
    return "\n".join(lines)
