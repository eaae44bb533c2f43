"""Checks that need context: catalogue, cohort dates, other lessons, today."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.rules import (
    check_assessment,
    check_attendance,
    check_driving_lesson,
    suggested_level,
)

from .factories import assessment, cohort, lesson, mark, session

TODAY = dt.date(2026, 10, 20)


def _code(excinfo: pytest.ExceptionInfo[RuleViolation]) -> tuple[str, str]:
    return excinfo.value.code, excinfo.value.field


def test_a_valid_assessment_with_a_measured_value(catalogue: Catalogue) -> None:
    check_assessment(
        assessment("a1", "SPL-04", 3, "2026-10-05T10:00", measured_value=0.04), catalogue, TODAY
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"skill_id": "SPL-99"}, ("unknown_skill", "skill")),
        ({"level": 7}, ("level_outside_scale", "level")),
        ({"recorded_at": dt.datetime(2026, 10, 21, 9)}, ("future_date", "date")),
        ({"skill_id": "SEC-01", "measured_value": 1.0}, ("no_measurement", "measured_value")),
        ({"measured_value": 99.0}, ("value_impossible", "measured_value")),
    ],
)
def test_assessment_violations(
    catalogue: Catalogue, changes: dict[str, object], expected: tuple[str, str]
) -> None:
    with pytest.raises(RuleViolation) as excinfo:
        valid = assessment("a1", "SPL-04", 3, "2026-10-05T10:00")
        check_assessment(valid.model_copy(update=changes), catalogue, TODAY)
    assert _code(excinfo) == expected


def test_a_failed_measurement_is_possible_and_suggests_a_lower_level(
    catalogue: Catalogue,
) -> None:
    skill = catalogue.skill("SPL-04")
    check_assessment(
        assessment("a1", "SPL-04", 2, "2026-10-05T10:00", measured_value=0.35), catalogue, TODAY
    )
    assert suggested_level(skill, 0.05, catalogue) == 3
    assert suggested_level(skill, 0.35, catalogue) == 2
    assert suggested_level(catalogue.skill("SEC-01"), 1.0, catalogue) is None


def test_late_and_early_cannot_exceed_the_session() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        check_attendance(
            mark("s1", "t1", "late", late_minutes=150, left_early_minutes=90),
            session("s1", "09:00", "12:30"),
        )
    assert _code(excinfo) == ("away_exceeds_session", "late_minutes")


def test_driving_lesson_rules(catalogue: Catalogue) -> None:
    day = dt.date(2026, 10, 7)
    first = lesson("l1", day, "17:00", 60, competencies=("CND-C1-A",))
    check_driving_lesson(first, cohort(), catalogue, TODAY)
    overlapping = lesson("l2", day, "17:30", 60)
    with pytest.raises(RuleViolation) as excinfo:
        check_driving_lesson(overlapping, cohort(), catalogue, TODAY, [first])
    assert _code(excinfo) == ("lessons_overlap", "start")
    back_to_back = lesson("l3", day, "18:00", 60)
    check_driving_lesson(back_to_back, cohort(), catalogue, TODAY, [first])
    other_trainee = lesson("l4", day, "17:30", 60, trainee="t2")
    check_driving_lesson(other_trainee, cohort(), catalogue, TODAY, [first])
    with pytest.raises(RuleViolation) as excinfo:
        check_driving_lesson(
            lesson("l5", day, "17:00", 60, competencies=("SPL-04",)), cohort(), catalogue, TODAY
        )
    assert _code(excinfo) == ("not_driving_skill", "competencies")
    with pytest.raises(RuleViolation) as excinfo:
        check_driving_lesson(
            lesson("l6", dt.date(2026, 9, 1), "17:00", 60), cohort(), catalogue, TODAY
        )
    assert _code(excinfo) == ("outside_cohort", "date")
    with pytest.raises(RuleViolation) as excinfo:
        check_driving_lesson(
            lesson("l7", dt.date(2026, 10, 22), "17:00", 60), cohort(), catalogue, TODAY
        )
    assert _code(excinfo) == ("future_date", "date")
