"""What happens in the workshop: sessions, attendance, ratings, driving lessons, voiding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee, TraineeStatus, Trainer
from trainer_tui.domain.records import (
    Assessment,
    Attendance,
    AttendanceStatus,
    DrivingLesson,
    Gearbox,
    Session,
    SessionKind,
)
from trainer_tui.domain.rules import (
    check_assessment,
    check_attendance,
    check_driving_lesson,
    check_known_skill,
    check_not_before_cohort,
    check_not_erased,
    check_session,
)
from trainer_tui.domain.text import FreeText
from trainer_tui.services import records as rec
from trainer_tui.services.errors import build, checked
from trainer_tui.services.workspace import Workspace

#: Facts that can be voided (marked as entered by mistake); they stay in the history.
VOIDABLE = (rec.ASSESSMENT, rec.DRIVING, rec.SESSION, rec.ATTENDANCE)


def record_session(
    ws: Workspace,
    cohort: Cohort,
    *,
    date: dt.date,
    start: dt.time,
    end: dt.time,
    kind: SessionKind,
    trainer: Trainer,
    skill_ids: Iterable[str] = (),
    notes: str = "",
) -> Session:
    """Record a session of the cohort (a half-day or a time slot), within its dates."""
    skills = tuple(dict.fromkeys(skill_ids))
    if kind is SessionKind.PRACTICAL and not skills:
        raise RuleViolation(
            "practical_without_skills", "skills", "a practical session practises at least one skill"
        )
    for skill_id in skills:
        check_known_skill(ws.catalogue, skill_id, "skills")
    session = build(
        Session,
        id=ws.new_id("s"),
        cohort_id=cohort.id,
        date=date,
        start=start,
        end=end,
        kind=kind,
        trainer_id=trainer.id,
        skill_ids=skills,
        notes=notes,
    )
    check_session(session, cohort, ws.today())
    ws.save(cohort.id, session)
    return session


@dataclass(frozen=True, slots=True)
class Mark:
    """One trainee's attendance to record."""

    trainee: Trainee
    status: AttendanceStatus
    late_minutes: int = 0
    left_early_minutes: int = 0


def mark_attendance(
    ws: Workspace, cohort: Cohort, session: Session, marks: Iterable[Mark]
) -> list[Attendance]:
    """Record attendance marks for a session in one durable write (all or nothing)."""
    built = [build_mark(session, mark) for mark in marks]
    ws.save(cohort.id, *built)
    return built


def build_mark(session: Session, mark: Mark) -> Attendance:
    """The attendance record of ``mark``, checked against the session (``RuleViolation``)."""
    check_not_erased(mark.trainee)
    attendance = build(
        Attendance,
        session_id=session.id,
        trainee_id=mark.trainee.id,
        status=mark.status,
        late_minutes=mark.late_minutes,
        left_early_minutes=mark.left_early_minutes,
    )
    check_attendance(attendance, session)
    return attendance


def find_session(ws: Workspace, reference: str) -> tuple[Cohort, Session]:
    """A session by id, in any cohort (recent cohorts first)."""
    for cohort in ws.cohorts():
        for session in ws.records(cohort.id, rec.SESSION, Session):
            if session.id == reference.strip():
                return cohort, session
    raise RuleViolation(
        "unknown_session", "session", "unknown session {session}", session=reference
    )


def rate(
    ws: Workspace,
    cohort: Cohort,
    trainee: Trainee,
    skill_id: str,
    level: int,
    *,
    trainer: Trainer,
    measured_value: float | None = None,
    note: str = "",
    session: Session | None = None,
    at: dt.datetime | None = None,
) -> Assessment:
    """Rate one trainee on one skill, with an optional measured value and note."""
    return rate_many(
        ws,
        cohort,
        [(trainee, skill_id, level, measured_value, note)],
        trainer=trainer,
        session=session,
        at=at,
    )[0]


def rate_many(
    ws: Workspace,
    cohort: Cohort,
    ratings: Iterable[tuple[Trainee, str, int, float | None, str]],
    *,
    trainer: Trainer,
    session: Session | None = None,
    at: dt.datetime | None = None,
) -> list[Assessment]:
    """Rate several (trainee, skill) pairs in one durable write (all or nothing)."""
    when = at or ws.clock()
    check_not_before_cohort(when, cohort)
    built = []
    for trainee, skill_id, level, value, note in ratings:
        check_not_erased(trainee)
        left_on = trainee.left_on if trainee.status is TraineeStatus.LEFT else None
        if left_on is not None and when.date() > left_on:
            raise RuleViolation(
                "trainee_left",
                "trainee",
                "{trainee} left on {date}",
                trainee=trainee.code,
                date=left_on,
            )
        assessment = build(
            Assessment,
            id=ws.new_id("a"),
            trainee_id=trainee.id,
            skill_id=skill_id,
            level=level,
            measured_value=value,
            note=note,
            trainer_id=trainer.id,
            session_id=session.id if session else None,
            recorded_at=when,
        )
        check_assessment(assessment, ws.catalogue, ws.today())
        built.append(assessment)
    ws.save(cohort.id, *built)
    return built


def log_driving(
    ws: Workspace,
    cohort: Cohort,
    trainee: Trainee,
    *,
    date: dt.date,
    start: dt.time,
    minutes: int,
    instructor: str,
    driving_school: str = "",
    gearbox: Gearbox = Gearbox.MANUAL,
    competencies: Iterable[str] = (),
    comment: str = "",
) -> DrivingLesson:
    """Log a driving lesson after checking dates, duration, competencies and overlaps."""
    check_not_erased(trainee)
    lesson = build(
        DrivingLesson,
        id=ws.new_id("d"),
        trainee_id=trainee.id,
        date=date,
        start=start,
        minutes=minutes,
        instructor=instructor,
        driving_school=driving_school,
        gearbox=gearbox,
        competencies=tuple(dict.fromkeys(competencies)),
        comment=comment,
    )
    others = [
        d for d in ws.records(cohort.id, rec.DRIVING, DrivingLesson) if d.trainee_id == trainee.id
    ]
    check_driving_lesson(lesson, cohort, ws.catalogue, ws.today(), others)
    ws.save(cohort.id, lesson)
    return lesson


def void(ws: Workspace, entity_id: str, reason: str = "") -> tuple[Cohort, str]:
    """Mark a fact entered by mistake as void; it disappears from totals but not history."""
    reason = checked(FreeText, reason, "reason")
    for cohort in ws.cohorts():
        state = ws.partition(cohort.id)
        for kind in VOIDABLE:
            entity = state.get(kind, entity_id.strip())
            if entity is not None and not entity.deleted:
                ws.save_fields(
                    cohort.id, kind, entity.entity_id, {"deleted": True, "void_reason": reason}
                )
                return cohort, kind
    raise RuleViolation("unknown_record", "id", "no record {id} to void", id=entity_id)


def present_trainees(trainees: Iterable[Trainee], day: dt.date) -> list[Trainee]:
    """Trainees still in the programme on ``day`` (those who left before are not).

    An erased trainee is no longer followed: their past hours count, nothing new is recorded.
    """
    return [
        t
        for t in trainees
        if not (t.status is TraineeStatus.LEFT and t.left_on and t.left_on < day)
        and t.erased_on is None
    ]
