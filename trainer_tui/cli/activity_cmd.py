"""``session add``, ``attend``, ``rate``, ``void`` and ``driving add|list``."""

from __future__ import annotations

import argparse
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.cli.paperwork_cmd import run_driving_list
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.records import AttendanceStatus, Gearbox, SessionKind
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services import activity
from trainer_tui.services.activity import Mark
from trainer_tui.services.parsing import (
    parse_date,
    parse_datetime,
    parse_int,
    parse_number,
    parse_time,
    split_list,
)


def _choice(value: str, allowed: type[Any], field: str) -> Any:
    try:
        return allowed(value.strip().lower())
    except ValueError:
        raise RuleViolation(
            "enum",
            field,
            "invalid value {input}",
            input=value,
            expected=", ".join(v.value for v in allowed),
        ) from None


def register(commands: Any) -> None:
    """Add the workshop commands."""
    session = add_command(commands, "session", "cli.session.help")
    session_actions = add_actions(session)
    add = add_command(session_actions, "add", "cli.session.add")
    add.add_argument("--cohort", required=True, help=t("cli.arg.cohort"))
    add.add_argument("--date", required=True, help=t("cli.arg.date"))
    add.add_argument("--start", required=True, help=t("cli.arg.time"))
    add.add_argument("--end", required=True, help=t("cli.arg.time"))
    add.add_argument("--kind", default="practical", help=t("cli.arg.kind"))
    add.add_argument("--trainer", required=True, help=t("cli.arg.trainer"))
    add.add_argument("--skills", help=t("cli.arg.skills"))
    add.add_argument("--notes", default="", help=t("cli.arg.notes"))
    add.set_defaults(handler=run_session_add)

    attend = add_command(commands, "attend", "cli.attend.help")
    attend.add_argument("session", metavar="SESSION", help=t("cli.arg.session"))
    attend.add_argument("--all-present", action="store_true", help=t("cli.attend.all"))
    for status in ("present", "absent", "excused"):
        attend.add_argument(
            f"--{status}", nargs="+", default=[], metavar="CODE", help=t(f"cli.attend.{status}")
        )
    attend.add_argument(
        "--late", nargs="+", default=[], metavar="CODE=MIN", help=t("cli.attend.late")
    )
    attend.add_argument(
        "--left-early", nargs="+", default=[], metavar="CODE=MIN", help=t("cli.attend.left_early")
    )
    attend.set_defaults(handler=run_attend)

    rate = add_command(commands, "rate", "cli.rate.help")
    rate.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    rate.add_argument("skill", metavar="SKILL", help=t("cli.arg.skill"))
    rate.add_argument("level", metavar="LEVEL", help=t("cli.arg.level"))
    rate.add_argument("--trainer", required=True, help=t("cli.arg.trainer"))
    rate.add_argument("--value", help=t("cli.arg.value"))
    rate.add_argument("--note", default="", help=t("cli.arg.notes"))
    rate.add_argument("--session", help=t("cli.arg.session"))
    rate.add_argument("--at", help=t("cli.arg.at"))
    rate.set_defaults(handler=run_rate)

    void = add_command(commands, "void", "cli.void.help")
    void.add_argument("record", metavar="ID", help=t("cli.arg.record"))
    void.add_argument("--reason", default="", help=t("cli.arg.reason"))
    void.set_defaults(handler=run_void)

    driving = add_command(commands, "driving", "cli.driving.help")
    driving_actions = add_actions(driving)
    lesson = add_command(driving_actions, "add", "cli.driving.add")
    lesson.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    lesson.add_argument("--date", required=True, help=t("cli.arg.date"))
    lesson.add_argument("--start", required=True, help=t("cli.arg.time"))
    lesson.add_argument("--minutes", required=True, help=t("cli.arg.minutes"))
    lesson.add_argument("--instructor", required=True, help=t("cli.arg.instructor"))
    lesson.add_argument("--school", default="", help=t("cli.arg.school"))
    lesson.add_argument("--gearbox", default="manual", help=t("cli.arg.gearbox"))
    lesson.add_argument("--competencies", help=t("cli.arg.competencies"))
    lesson.add_argument("--comment", default="", help=t("cli.arg.notes"))
    lesson.set_defaults(handler=run_driving_add)
    listing = add_command(driving_actions, "list", "cli.driving.list")
    listing.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    listing.set_defaults(handler=run_driving_list)


def run_session_add(args: argparse.Namespace) -> int:
    """Record a session and print its id (for ``attend`` and ``rate --session``)."""
    with open_workspace(args) as ws:
        session = activity.record_session(
            ws,
            ws.cohort(args.cohort),
            date=parse_date(args.date),
            start=parse_time(args.start, "start"),
            end=parse_time(args.end, "end"),
            kind=_choice(args.kind, SessionKind, "kind"),
            trainer=ws.trainer(args.trainer),
            skill_ids=split_list(args.skills),
            notes=args.notes,
        )
        out(t("cli.session.added", id=session.id, date=format_date(session.date)))
    return 0


def _minutes(pairs: list[str], field: str) -> dict[str, int]:
    found = {}
    for pair in pairs:
        code, sep, minutes = pair.partition("=")
        if not sep:
            raise RuleViolation(
                "pair_expected", field, "expected CODE=MIN, got {input}", input=pair
            )
        found[code.strip().upper()] = parse_int(minutes, field)
    return found


def _listed_statuses(args: argparse.Namespace, late: dict[str, int]) -> dict[str, AttendanceStatus]:
    """The status of each trainee listed; one listed with two statuses is refused."""
    listed: dict[str, tuple[str, AttendanceStatus]] = {}
    given = [(s, c) for s in ("present", "absent", "excused") for c in getattr(args, s)]
    for option, code in [*given, *(("late", c) for c in late)]:
        key = code.strip().upper()
        status = AttendanceStatus(option)
        if key in listed and listed[key][1] is not status:
            raise RuleViolation(
                "conflicting_marks",
                "trainee",
                "{trainee} is listed in --{first} and --{second}",
                trainee=key,
                first=listed[key][0],
                second=option,
            )
        listed[key] = (option, status)
    return {code: status for code, (_, status) in listed.items()}


def run_attend(args: argparse.Namespace) -> int:
    """Mark attendance: everyone present, or listed trainees with their status."""
    late, early = _minutes(args.late, "late"), _minutes(args.left_early, "left_early")
    with open_workspace(args) as ws:
        cohort, session = activity.find_session(ws, args.session)
        trainees = activity.present_trainees(ws.cohort_records(cohort).trainees, session.date)
        by_code = {tr.code: tr for tr in trainees}
        statuses: dict[str, AttendanceStatus] = {}
        if args.all_present:
            statuses = dict.fromkeys(by_code, AttendanceStatus.PRESENT)
        statuses |= _listed_statuses(args, late)
        for code in early:
            statuses.setdefault(code, AttendanceStatus.PRESENT)
        unknown = sorted(set(statuses) - set(by_code))
        if unknown:
            raise RuleViolation(
                "unknown_trainee", "trainee", "unknown trainee {trainee}", trainee=unknown[0]
            )
        marks = [
            Mark(by_code[code], status, late.get(code, 0), early.get(code, 0))
            for code, status in sorted(statuses.items())
        ]
        activity.mark_attendance(ws, cohort, session, marks)
        out(t("cli.attend.done", count=len(marks), id=session.id))
    return 0


def run_rate(args: argparse.Namespace) -> int:
    """Rate one skill of one trainee."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        session = activity.find_session(ws, args.session)[1] if args.session else None
        value = parse_number(args.value, "measured_value") if args.value else None
        assessment = activity.rate(
            ws,
            cohort,
            trainee,
            args.skill.strip().upper(),
            parse_int(args.level, "level"),
            trainer=ws.trainer(args.trainer),
            measured_value=value,
            note=args.note,
            session=session,
            at=parse_datetime(args.at) if args.at else None,
        )
        out(
            t(
                "cli.rate.done",
                code=trainee.code,
                skill=assessment.skill_id,
                level=assessment.level,
                id=assessment.id,
            )
        )
        skill = ws.catalogue.skill(assessment.skill_id)
        if value is not None and skill.measurement and not skill.measurement.accepts(value):
            out(t("cli.rate.outside", value=decimal(value, 2), unit=skill.measurement.unit))
    return 0


def run_void(args: argparse.Namespace) -> int:
    """Void a record entered by mistake."""
    with open_workspace(args) as ws:
        _cohort, kind = activity.void(ws, args.record, args.reason)
        out(t("cli.void.done", id=args.record.strip(), kind=t(f"kind.{kind}")))
    return 0


def run_driving_add(args: argparse.Namespace) -> int:
    """Log a driving lesson."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        lesson = activity.log_driving(
            ws,
            cohort,
            trainee,
            date=parse_date(args.date),
            start=parse_time(args.start),
            minutes=parse_int(args.minutes, "minutes"),
            instructor=args.instructor,
            driving_school=args.school,
            gearbox=_choice(args.gearbox, Gearbox, "gearbox"),
            competencies=split_list(args.competencies),
            comment=args.comment,
        )
        out(t("cli.driving.added", code=trainee.code, minutes=lesson.minutes, id=lesson.id))
    return 0
