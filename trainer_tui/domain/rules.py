"""Checks that need context: the catalogue, the cohort, other records, today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trainer_tui.domain.catalogue import Catalogue, Skill
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session


def check_known_skill(catalogue: Catalogue, skill_id: str, field: str = "skill") -> Skill:
    """Return the active skill ``skill_id`` or raise if it is unknown or retired."""
    if not catalogue.has_skill(skill_id):
        raise RuleViolation("unknown_skill", field, "unknown skill {skill}", skill=skill_id)
    skill = catalogue.skill(skill_id)
    if skill.retired:
        raise RuleViolation("retired_skill", field, "skill {skill} is retired", skill=skill_id)
    return skill


def check_not_erased(trainee: Trainee) -> None:
    """Refuse to change the profile of a trainee whose identity was erased."""
    if trainee.erased_on is not None:
        raise RuleViolation(
            "erased_trainee", "trainee", "{trainee} was erased", trainee=trainee.code
        )


def check_not_future(day: dt.date, today: dt.date, field: str = "date") -> None:
    """Refuse a date after ``today``: facts are recorded once they happened."""
    if day > today:
        raise RuleViolation("future_date", field, "{date} is in the future", date=day)


def check_within_cohort(day: dt.date, cohort: Cohort, field: str = "date") -> None:
    """Refuse a date outside the cohort's dates: nothing of a cohort happens before or after."""
    if not cohort.start <= day <= cohort.end:
        raise RuleViolation(
            "outside_cohort",
            field,
            "{date} is outside the cohort ({start} to {end})",
            date=day,
            start=cohort.start,
            end=cohort.end,
        )


def check_session(session: Session, cohort: Cohort, today: dt.date) -> None:
    """A session happened (not in the future) within its cohort's dates."""
    check_not_future(session.date, today)
    check_within_cohort(session.date, cohort)


def check_not_before_cohort(moment: dt.datetime, cohort: Cohort, field: str = "at") -> None:
    """Refuse a rating dated before the cohort started (``--at 1900-01-01``, a wrong year).

    A rating after the cohort's end stays possible: a last assessment is sometimes typed in
    the days after the programme.
    """
    if moment.date() < cohort.start:
        raise RuleViolation(
            "before_cohort",
            field,
            "{date} is before the cohort started ({start})",
            date=moment.date(),
            start=cohort.start,
        )


def check_assessment(assessment: Assessment, catalogue: Catalogue, today: dt.date) -> None:
    """Check an assessment against the catalogue.

    The skill must be known and active, the level on the scale, the date not in the future,
    and a measured value only where the skill has a measurement, inside the physical range.
    """
    skill = check_known_skill(catalogue, assessment.skill_id)
    if assessment.level not in catalogue.scale.values:
        raise RuleViolation(
            "level_outside_scale",
            "level",
            "level {level} is not on the scale {values}",
            level=assessment.level,
            values=list(catalogue.scale.values),
        )
    check_not_future(assessment.recorded_at.date(), today)
    value = assessment.measured_value
    if value is None:
        return
    if skill.measurement is None:
        raise RuleViolation(
            "no_measurement",
            "measured_value",
            "skill {skill} takes no measured value",
            skill=skill.id,
        )
    quantity = catalogue.quantities[skill.measurement.quantity]
    if not quantity.is_possible(value):
        raise RuleViolation(
            "value_impossible",
            "measured_value",
            "{value} {unit} is outside the possible range {low}..{high}",
            value=value,
            unit=quantity.unit,
            low=quantity.physical_min,
            high=quantity.physical_max,
        )


def suggested_level(skill: Skill, value: float, catalogue: Catalogue) -> int | None:
    """The level a measured value suggests for ``skill``.

    The lowest supported level when the value is acceptable, the highest non-proficient level
    otherwise; ``None`` when the skill takes no measured value.
    """
    spec = skill.measurement
    if spec is None:
        return None
    if spec.accepts(value):
        return min(spec.levels)
    below = [
        level
        for level in catalogue.scale.values
        if level != catalogue.scale.not_assessed and not catalogue.scale.is_proficient(level)
    ]
    return max(below) if below else catalogue.scale.not_assessed


def check_attendance(attendance: Attendance, session: Session) -> None:
    """Late arrival plus early departure cannot exceed the session."""
    away = attendance.late_minutes + attendance.left_early_minutes
    if away > session.minutes:
        raise RuleViolation(
            "away_exceeds_session",
            "late_minutes",
            "{away} minutes late or early exceed the {length}-minute session",
            away=away,
            length=session.minutes,
        )


def check_driving_lesson(
    lesson: DrivingLesson,
    cohort: Cohort,
    catalogue: Catalogue,
    today: dt.date,
    other_lessons: Iterable[DrivingLesson] = (),
) -> None:
    """Check a driving lesson against its context.

    Not in the future, within the cohort's dates, competencies from a driving block, and no
    overlap with the trainee's other lessons.
    """
    check_not_future(lesson.date, today)
    check_within_cohort(lesson.date, cohort)
    driving_ids = {skill.id for block in catalogue.driving_blocks for skill in block.skills}
    for skill_id in lesson.competencies:
        if skill_id not in driving_ids:
            raise RuleViolation(
                "not_driving_skill",
                "competencies",
                "{skill} is not a driving competency",
                skill=skill_id,
            )
    for other in other_lessons:
        if other.id == lesson.id or other.trainee_id != lesson.trainee_id:
            continue
        if other.starts_at < lesson.ends_at and lesson.starts_at < other.ends_at:
            raise RuleViolation(
                "lessons_overlap",
                "start",
                "overlaps the lesson of {date} at {start}",
                date=other.date,
                start=other.start.isoformat("minutes"),
            )
