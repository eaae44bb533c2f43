"""Gather the data of each printed document from the records: sheets, logs, certificates.

The renderers in :mod:`trainer_tui.exports` lay the pages out; this module decides what they
say (which sessions, which marks, which totals), in the current language, and writes the
files atomically so that a half-written PDF never stays behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.hours import hours_by_week, latest_marks, total_hours
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import Session
from trainer_tui.exports.documents import (
    AttendanceSummary,
    Certificate,
    DrivingLine,
    DrivingLog,
    HalfDay,
    HalfDaySheet,
    Organisation,
    PayrollLine,
    Programme,
    SheetLine,
    SheetStatus,
    SummaryLine,
    WeekLine,
    WeekSheet,
    WeekSlot,
)
from trainer_tui.i18n import get_language, t
from trainer_tui.services.errors import write_failed
from trainer_tui.services.preferences import Paperwork, paperwork
from trainer_tui.services.workspace import CohortRecords, Workspace
from trainer_tui.storage.files import SHARED, write_atomic

#: A session starting at or after this time is an afternoon on the sheets.
AFTERNOON = dt.time(12, 0)


def organisation(ws: Workspace, cohort: Cohort, details: Paperwork | None = None) -> Organisation:
    """The organisation as printed; its name must have been set once (``settings``)."""
    details = details or paperwork(ws)
    if not details.organisation:
        raise RuleViolation(
            "paperwork_missing", "organisation", "set the organisation's name first"
        )
    return Organisation(
        details.organisation, cohort.campus, details.address, details.declaration_number
    )


def programme(ws: Workspace, cohort: Cohort) -> Programme:
    """The programme: the catalogue's title, the cohort, its dates and hours target."""
    return Programme(
        ws.catalogue.title.get(get_language()),
        cohort.name,
        cohort.start,
        cohort.end,
        cohort.training_minutes_target,
    )


def half_day_of(session: Session) -> HalfDay:
    """Morning or afternoon, by the session's start time."""
    return "afternoon" if session.start >= AFTERNOON else "morning"


def subject_of(ws: Workspace, session: Session) -> str:
    """What the session was about: its kind, then the skills practised."""
    language = get_language()
    skills = [
        f"{skill_id} {ws.catalogue.skill(skill_id).title.get(language)}"
        for skill_id in session.skill_ids
        if ws.catalogue.has_skill(skill_id)
    ]
    return " — ".join([t(f"session.kind.{session.kind.value}"), *skills])


def _trainer_names(ws: Workspace) -> dict[str, str]:
    return {trainer.id: trainer.name for trainer in ws.trainers()}


def _sheet_name(trainee: Trainee) -> str:
    return f"{trainee.last_name.upper()} {trainee.first_name}"


def _enrolled_on(trainee: Trainee, day: dt.date) -> bool:
    return trainee.left_on is None or day <= trainee.left_on


def half_day_sheets(
    ws: Workspace, cohort: Cohort, sessions: Iterable[Session]
) -> tuple[HalfDaySheet, ...]:
    """One sheet per session, with the marks recorded so far (blank lines where none)."""
    records = ws.cohort_records(cohort)
    org, prog, trainers = organisation(ws, cohort), programme(ws, cohort), _trainer_names(ws)
    sheets = []
    for session in sorted(sessions, key=lambda s: (s.date, s.start)):
        marks = {
            mark.trainee_id: mark for mark in records.attendances if mark.session_id == session.id
        }
        lines = []
        for trainee in records.trainees:
            mark = marks.get(trainee.id)
            if mark is None and not _enrolled_on(trainee, session.date):
                continue
            lines.append(
                SheetLine(
                    _sheet_name(trainee),
                    trainee.code,
                    None if mark is None else mark.status.value,
                    0 if mark is None else mark.late_minutes,
                    0 if mark is None else mark.left_early_minutes,
                )
            )
        sheets.append(
            HalfDaySheet(
                org,
                prog,
                session.date,
                half_day_of(session),
                session.start,
                session.end,
                subject_of(ws, session),
                trainers.get(session.trainer_id, ""),
                tuple(lines),
            )
        )
    return tuple(sheets)


def sessions_on(ws: Workspace, cohort: Cohort, day: dt.date) -> list[Session]:
    """The cohort's sessions of ``day``; none is a clear error (nothing to print)."""
    found = [s for s in ws.cohort_records(cohort).sessions if s.date == day]
    if not found:
        raise RuleViolation("no_session_that_day", "date", "no session on {date}", date=day)
    return found


def week_sheet(ws: Workspace, cohort: Cohort, day: dt.date) -> WeekSheet:
    """The weekly sheet of the week containing ``day``: its sessions as columns."""
    monday = day - dt.timedelta(days=day.weekday())
    records = ws.cohort_records(cohort)
    week = sorted(
        (s for s in records.sessions if monday <= s.date < monday + dt.timedelta(days=7)),
        key=lambda s: (s.date, s.start),
    )
    if not week:
        raise RuleViolation(
            "no_session_that_week", "date", "no session in the week of {date}", date=monday
        )
    trainers = _trainer_names(ws)
    slots = tuple(
        WeekSlot(
            s.date,
            half_day_of(s),
            s.start,
            s.end,
            subject_of(ws, s),
            trainers.get(s.trainer_id, ""),
        )
        for s in week
    )
    marks = {(m.session_id, m.trainee_id): m for m in records.attendances}
    lines = []
    for trainee in records.trainees:
        if not any(_enrolled_on(trainee, s.date) for s in week):
            continue
        statuses: list[SheetStatus] = []
        for session in week:
            mark = marks.get((session.id, trainee.id))
            statuses.append(None if mark is None else mark.status.value)
        lines.append(WeekLine(_sheet_name(trainee), trainee.code, tuple(statuses)))
    return WeekSheet(organisation(ws, cohort), programme(ws, cohort), monday, slots, tuple(lines))


def attendance_summary(ws: Workspace, cohort: Cohort) -> AttendanceSummary:
    """Every trainee's hours so far: scheduled, attended, excused, absent, late arrivals."""
    records = ws.cohort_records(cohort)
    sessions = {s.id: s for s in records.sessions}
    lines = []
    for trainee in records.trainees:
        total = total_hours(hours_by_week(trainee.id, sessions, records.attendances))
        lines.append(
            SummaryLine(
                _sheet_name(trainee),
                trainee.code,
                total.scheduled,
                total.attended,
                total.excused,
                total.absent,
                total.late_count,
                trainee.left_on,
            )
        )
    return AttendanceSummary(
        organisation(ws, cohort), programme(ws, cohort), ws.today(), tuple(lines)
    )


def payroll_lines(ws: Workspace, cohort: Cohort) -> tuple[PayrollLine, ...]:
    """Hours per trainee per week, for the temp agency's payroll."""
    records = ws.cohort_records(cohort)
    sessions = {s.id: s for s in records.sessions}
    return tuple(
        PayrollLine(
            trainee.code,
            trainee.last_name,
            trainee.first_name,
            monday,
            week.scheduled,
            week.attended,
            week.excused,
            week.absent,
            week.late_count,
        )
        for trainee in records.trainees
        for monday, week in hours_by_week(trainee.id, sessions, records.attendances).items()
    )


def driving_log(ws: Workspace, cohort: Cohort, trainee: Trainee) -> DrivingLog:
    """Every driving lesson of ``trainee``, oldest first, with the competencies in words."""
    language = get_language()
    catalogue = ws.catalogue
    lessons = sorted(
        (lesson for lesson in ws.cohort_records(cohort).lessons if lesson.trainee_id == trainee.id),
        key=lambda lesson: (lesson.date, lesson.start),
    )
    return DrivingLog(
        organisation(ws, cohort),
        programme(ws, cohort),
        f"{trainee.first_name} {trainee.last_name}",
        trainee.code,
        tuple(
            DrivingLine(
                lesson.date,
                lesson.start,
                lesson.minutes,
                lesson.instructor,
                lesson.driving_school,
                lesson.gearbox.value,
                tuple(
                    f"{c} {catalogue.skill(c).title.get(language)}" if catalogue.has_skill(c) else c
                    for c in lesson.competencies
                ),
                lesson.comment,
            )
            for lesson in lessons
        ),
        cohort.driving_minutes_target,
        ws.today(),
    )


def certificate(ws: Workspace, cohort: Cohort, trainee: Trainee) -> Certificate:
    """The certificat de réalisation: the hours ``trainee`` really attended, and when."""
    details = paperwork(ws)
    for field in ("signatory", "place"):
        if not getattr(details, field):
            raise RuleViolation("paperwork_missing", field, "set it first")
    records = ws.cohort_records(cohort)
    attended_days = _attended_days(records, trainee)
    if not attended_days:
        raise RuleViolation(
            "nothing_attended", "trainee", "{trainee} attended no session", trainee=trainee.code
        )
    sessions = {s.id: s for s in records.sessions}
    total = total_hours(hours_by_week(trainee.id, sessions, records.attendances))
    return Certificate(
        organisation(ws, cohort, details),
        programme(ws, cohort),
        f"{trainee.first_name} {trainee.last_name}",
        details.employer,
        t("payroll.nature"),
        min(attended_days),
        max(attended_days),
        total.attended,
        details.place,
        ws.today(),
        details.signatory,
    )


def _attended_days(records: CohortRecords, trainee: Trainee) -> list[dt.date]:
    sessions = {s.id: s for s in records.sessions}
    marks = latest_marks(trainee.id, sessions, records.attendances)
    return [
        sessions[sid].date
        for sid, mark in marks.items()
        if mark.minutes_attended(sessions[sid]) > 0
    ]


def write_document(path: Path, content: bytes) -> Path:
    """Write ``content`` at ``path`` atomically (never a half-written file); return the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Made to be handed out (printed, sent to the agency, published): readable by all,
        # unlike the data folder's files, which stay the owner's.
        write_atomic(path, content, mode=SHARED)
    except OSError as error:
        raise write_failed(error, "output", path) from error
    return path
