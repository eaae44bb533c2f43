"""``export``, ``settings`` and ``driving list``: the paperwork commands.

``export`` writes attendance sheets, the attendance summary, the payroll CSV, driving logs
and certificates (skill records: :mod:`trainer_tui.cli.record_cmd`); ``settings`` sets the
organisation printed on them and the absence alert.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Literal

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.cli.record_cmd import add_export as add_record_export
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services import exporting, preferences
from trainer_tui.services.parsing import parse_date, parse_number
from trainer_tui.services.workspace import Workspace

#: ``export`` actions that take a date (``--date``, default today).
DATED = ("sheet", "week")
#: ``export`` actions about trainees (``--trainee CODE``, default every trainee).
PER_TRAINEE = ("driving-log", "certificate")


def register(commands: Any) -> None:
    """Add the ``export`` and ``settings`` commands."""
    export = add_command(commands, "export", "cli.export.help")
    actions = add_actions(export)
    for action in ("sheet", "week", "summary", "payroll", "driving-log", "certificate"):
        parser = add_command(actions, action, f"cli.export.{action}")
        parser.add_argument("--cohort", required=True, help=t("cli.arg.cohort"))
        if action in DATED:
            parser.add_argument("--date", help=t("cli.export.date"))
        if action in PER_TRAINEE:
            parser.add_argument("--trainee", metavar="CODE", help=t("cli.export.trainee"))
        parser.add_argument("--out", metavar="FILE", help=t("cli.export.out"))
        parser.set_defaults(handler=run_export, export=action)
    add_record_export(actions)

    settings = add_command(commands, "settings", "cli.settings.help")
    setting_actions = add_actions(settings)
    show = add_command(setting_actions, "show", "cli.settings.show")
    show.set_defaults(handler=run_settings_show)
    change = add_command(setting_actions, "set", "cli.settings.set")
    change.add_argument(
        "name",
        metavar="NAME",
        choices=(*preferences.PAPERWORK_FIELDS, "absence_threshold"),
        help=t("cli.settings.name"),
    )
    change.add_argument("value", metavar="VALUE", help=t("cli.settings.value"))
    change.set_defaults(handler=run_settings_set)


def _trainees(ws: Workspace, cohort: Cohort, code: str | None) -> list[Trainee]:
    if code:
        return [ws.find_trainee(code, cohort)[1]]
    return list(ws.cohort_records(cohort).trainees)


def run_export(args: argparse.Namespace) -> int:
    """Write the document asked for and say where."""
    with open_workspace(args) as ws:
        cohort = ws.cohort(args.cohort)
        folder, target = Path.cwd(), Path(args.out) if args.out else None
        day = parse_date(args.date) if getattr(args, "date", None) else ws.today()
        action = args.export
        if action == "sheet":
            path = exporting.export_day_sheets(ws, cohort, day, folder, target)
        elif action == "week":
            path = exporting.export_week_sheet(ws, cohort, day, folder, target)
        elif action == "summary":
            path = exporting.export_attendance_summary(ws, cohort, folder, target)
        elif action == "payroll":
            path = exporting.export_payroll(ws, cohort, folder, target)
        else:
            kind: Literal["driving", "certificate"] = (
                "driving" if action == "driving-log" else "certificate"
            )
            trainees = _trainees(ws, cohort, args.trainee)
            path = exporting.export_trainee_documents(ws, cohort, kind, trainees, folder, target)
        out(t("cli.export.written", path=path))
    return 0


def run_settings_show(args: argparse.Namespace) -> int:
    """Print every setting of the documents and the alerts."""
    with open_workspace(args) as ws:
        details = preferences.paperwork(ws)
        for name in preferences.PAPERWORK_FIELDS:
            value = getattr(details, name) or t("cli.settings.unset")
            out(f"{name:<20} {value}")
        threshold = decimal(preferences.absence_threshold(ws) * 100, 0)
        out(f"{'absence_threshold':<20} {threshold} %")
    return 0


def run_settings_set(args: argparse.Namespace) -> int:
    """Change one setting."""
    with open_workspace(args) as ws:
        if args.name == "absence_threshold":
            preferences.set_absence_threshold(ws, parse_number(args.value, "absence_threshold"))
        else:
            preferences.set_paperwork(ws, args.name, args.value)
        out(t("cli.settings.done", name=args.name))
    return 0


def run_driving_list(args: argparse.Namespace) -> int:
    """Print a trainee's driving lessons and the total against the target."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        lessons = [
            lesson
            for lesson in ws.cohort_records(cohort).lessons
            if lesson.trainee_id == trainee.id
        ]
        for lesson in lessons:
            out(
                f"{format_date(lesson.date)} {lesson.start.isoformat('minutes')}  "
                f"{lesson.minutes:>3} min  {lesson.instructor}  {','.join(lesson.competencies)}"
            )
        done = sum(lesson.minutes for lesson in lessons)
        target = cohort.driving_minutes_target
        out(
            t(
                "cli.driving.total",
                code=trainee.code,
                count=len(lessons),
                done=decimal(done / 60, 1),
                target=decimal(target / 60, 0),
                remaining=decimal(max(0, target - done) / 60, 1),
            )
        )
    return 0
