"""Impossible values are refused by the models, with a translatable error type."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from trainer_tui.domain.catalogue import MeasurementSpec, Quantity, RatingScale, ScaleLevel
from trainer_tui.domain.people import Trainee, TraineeStatus, Trainer
from trainer_tui.domain.records import Attendance, AttendanceStatus
from trainer_tui.domain.text import LocalizedText

from .factories import DAY, assessment, cohort, lesson, session


def _error_type(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return error.value.errors()[0]["type"]


def _text(word: str) -> LocalizedText:
    return LocalizedText(fr=word, en=word)


def test_cohort_ending_before_it_starts() -> None:
    with pytest.raises(ValidationError) as error:
        cohort(end=dt.date(2026, 9, 1))
    assert _error_type(error) == "end_before_start"


def test_cohort_needs_a_positive_training_target() -> None:
    with pytest.raises(ValidationError):
        cohort(training_hours_target=0)


def test_trainee_who_left_needs_date_and_reason() -> None:
    base = dict(id="t1", cohort_id="c1", first_name="Inès", last_name="Benali", code="SD26A1")
    with pytest.raises(ValidationError) as error:
        Trainee(**base, status=TraineeStatus.LEFT)
    assert _error_type(error) == "left_needs_date_reason"
    left = Trainee(**base, status=TraineeStatus.LEFT, left_on=DAY, left_reason="CDI trouvé")
    assert left.full_name == "Inès Benali"
    with pytest.raises(ValidationError) as error:
        Trainee(**base, left_reason="?")
    assert _error_type(error) == "date_reason_only_if_left"


@pytest.mark.parametrize("code", ["ab12", "SD", "SD-26", "TOOLONGCODE123"])
def test_trainee_code_is_short_uppercase_and_pseudonymous(code: str) -> None:
    with pytest.raises(ValidationError):
        Trainee(id="t1", cohort_id="c1", first_name="A", last_name="B", code=code)


def test_blank_names_and_bad_contacts_are_refused() -> None:
    with pytest.raises(ValidationError):
        Trainee(id="t1", cohort_id="c1", first_name="  ", last_name="B", code="ABCD")
    with pytest.raises(ValidationError):
        Trainee(
            id="t1",
            cohort_id="c1",
            first_name="A",
            last_name="B",
            code="ABCD",
            email="not-an-email",
        )
    with pytest.raises(ValidationError):
        Trainer(id="tr1", name="Karim", initials="karim")


def test_session_times() -> None:
    assert session("s1", "09:00", "12:30").minutes == 210
    with pytest.raises(ValidationError) as error:
        session("s1", "12:00", "09:00")
    assert _error_type(error) == "end_before_start"
    with pytest.raises(ValidationError) as error:
        session("s1", "06:00", "20:00")
    assert _error_type(error) == "too_long"


def test_attendance_coherence() -> None:
    with pytest.raises(ValidationError) as error:
        Attendance(
            session_id="s1", trainee_id="t1", status=AttendanceStatus.ABSENT, late_minutes=10
        )
    assert _error_type(error) == "absent_with_minutes"
    with pytest.raises(ValidationError) as error:
        Attendance(session_id="s1", trainee_id="t1", status=AttendanceStatus.LATE)
    assert _error_type(error) == "late_without_minutes"
    with pytest.raises(ValidationError):
        Attendance(
            session_id="s1", trainee_id="t1", status=AttendanceStatus.PRESENT, late_minutes=-5
        )


def test_assessment_level_and_driving_duration_bounds() -> None:
    with pytest.raises(ValidationError):
        assessment("a1", "SPL-04", -1, "2026-10-01T10:00")
    with pytest.raises(ValidationError):
        assessment("a1", "not an id", 2, "2026-10-01T10:00")
    with pytest.raises(ValidationError):
        lesson("l1", DAY, "17:00", 10)
    with pytest.raises(ValidationError):
        lesson("l1", DAY, "17:00", 300)
    with pytest.raises(ValidationError):
        lesson("l1", DAY, "25:00", 60)


def test_scale_rules() -> None:
    levels = tuple(ScaleLevel(value=v, label=_text(str(v))) for v in (0, 1, 2))
    assert RatingScale(levels=levels, proficient_from=2).is_proficient(2)
    with pytest.raises(ValidationError) as error:
        RatingScale(levels=levels, proficient_from=0)
    assert _error_type(error) == "scale_threshold"
    with pytest.raises(ValidationError) as error:
        RatingScale(levels=(levels[1], levels[0]), proficient_from=1)
    assert _error_type(error) == "scale_unordered"
    with pytest.raises(ValidationError) as error:
        RatingScale(levels=(levels[0], levels[0]), proficient_from=1)
    assert _error_type(error) == "scale_duplicate"


def test_measurement_spec_rules() -> None:
    spec = MeasurementSpec(quantity="splice_loss", unit="dB", max=0.1, levels=(3, 4))
    assert spec.accepts(0.05) and spec.accepts(0.1) and not spec.accepts(0.11)
    with pytest.raises(ValidationError) as error:
        MeasurementSpec(quantity="splice_loss", unit="dB", min=0.3, max=0.1, levels=(3,))
    assert _error_type(error) == "min_gt_max"
    with pytest.raises(ValidationError) as error:
        MeasurementSpec(quantity="splice_loss", unit="dB", levels=(3,))
    assert _error_type(error) == "no_bound"
    with pytest.raises(ValidationError) as error:
        Quantity(unit="db", label=_text("x"), physical_min=0, physical_max=1)
    assert _error_type(error) == "unknown_unit"
