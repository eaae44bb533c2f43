"""The demo generators: deterministic, realistic, and valid against every domain rule.

This module checks the demo cohort; the campus history and merged datasets are in
tests/test_demo_history.py, a minimal catalogue and the calendar in tests/test_demo_robustness.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import subprocess
import sys
from collections import Counter

import pytest

from tests.demo_checks import check_all
from trainer_tui.demo import DEMO_TODAY, Dataset, demo_cohort
from trainer_tui.demo.calendar import is_closed
from trainer_tui.domain.catalogue import BlockKind, Catalogue
from trainer_tui.domain.people import TraineeStatus
from trainer_tui.domain.records import AttendanceStatus, SessionKind

pytest_plugins = ["tests.demo_fixtures"]


AWAY = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


def _digest(dataset: Dataset) -> str:
    digest = hashlib.sha256()
    for name in dataset.counts():
        for record in getattr(dataset, name):
            digest.update(record.model_dump_json().encode())
    return digest.hexdigest()


# --- determinism -------------------------------------------------------------------------


def test_same_seed_gives_the_same_dataset(catalogue: Catalogue, demo: Dataset) -> None:
    again = demo_cohort(catalogue)
    assert again == demo
    assert _digest(again) == _digest(demo)


def test_different_seeds_give_different_datasets(catalogue: Catalogue, demo: Dataset) -> None:
    other = demo_cohort(catalogue, seed=1)
    assert {t.full_name for t in other.trainees} != {t.full_name for t in demo.trainees}
    assert _digest(other) != _digest(demo)


def test_the_demo_is_the_same_in_another_process_with_another_hash_seed(demo: Dataset) -> None:
    # Set and dict orders of strings change with the hash seed: nothing may depend on them.
    code = (
        "import hashlib\n"
        "from trainer_tui.catalogue import default_catalogue_dir, load_catalogue\n"
        "from trainer_tui.demo import demo_cohort\n"
        "dataset = demo_cohort(load_catalogue(default_catalogue_dir()))\n"
        "digest = hashlib.sha256()\n"
        "for name in dataset.counts():\n"
        "    for record in getattr(dataset, name):\n"
        "        digest.update(record.model_dump_json().encode())\n"
        "print(digest.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == _digest(demo)


# --- the demo cohort ---------------------------------------------------------------------


def test_demo_cohort_shape(demo: Dataset) -> None:
    (cohort,) = demo.cohorts
    assert 12 <= len(demo.trainees) <= 16
    assert cohort.start <= DEMO_TODAY - dt.timedelta(weeks=7) < cohort.start + dt.timedelta(7)
    assert cohort.end > DEMO_TODAY
    assert cohort.campus == "Saint-Denis"
    school = [t for t in demo.trainers if t.id.startswith("demo-tr-")]
    assert 3 <= len(school) <= 4
    assert len(demo) == demo.count() == sum(demo.counts().values()) > 2000


@pytest.mark.parametrize("count", [12, 16])
def test_trainee_count_is_honoured(catalogue: Catalogue, count: int) -> None:
    assert len(demo_cohort(catalogue, trainee_count=count).trainees) == count


def test_trainee_codes_are_unique_pseudonyms(demo: Dataset) -> None:
    codes = [trainee.code for trainee in demo.trainees]
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("SD26") and len(code) == 7 for code in codes)
    assert len({t.first_name for t in demo.trainees}) == len(demo.trainees)


def test_every_demo_record_passes_the_domain_rules(catalogue: Catalogue, demo: Dataset) -> None:
    check_all(demo, catalogue, DEMO_TODAY)


def test_nothing_happens_after_today(demo: Dataset) -> None:
    assert all(session.date <= DEMO_TODAY for session in demo.sessions)
    assert all(a.recorded_at.date() <= DEMO_TODAY for a in demo.assessments)
    assert all(lesson.ends_at.date() <= DEMO_TODAY for lesson in demo.driving_lessons)
    assert any(session.date == DEMO_TODAY for session in demo.sessions)


def test_ids_are_unique_and_prefixed(demo: Dataset) -> None:
    ids = [
        record.id
        for name in ("cohorts", "trainers", "trainees", "sessions", "assessments")
        for record in getattr(demo, name)
    ] + [lesson.id for lesson in demo.driving_lessons]
    assert len(set(ids)) == len(ids)
    assert all(record_id.startswith("demo-") for record_id in ids)
    marks = [(m.session_id, m.trainee_id) for m in demo.attendances]
    assert len(set(marks)) == len(marks)


def test_sessions_are_weekday_half_days_of_varied_kinds(demo: Dataset) -> None:
    slots = {(dt.time(9), dt.time(12, 30)), (dt.time(13, 30), dt.time(17))}
    for session in demo.sessions:
        assert session.date.weekday() < 5 and not is_closed(session.date)
        assert (session.start, session.end) in slots
    kinds = Counter(session.kind for session in demo.sessions)
    assert kinds.most_common(1)[0][0] is SessionKind.PRACTICAL
    assert {SessionKind.FRENCH, SessionKind.MATHS, SessionKind.WORKPLACE} <= set(kinds)


def test_sessions_practise_skills_of_the_matching_blocks(
    catalogue: Catalogue, demo: Dataset
) -> None:
    for session in demo.sessions:
        blocks = {catalogue.block_of(skill_id) for skill_id in session.skill_ids}
        if session.kind is SessionKind.PRACTICAL:
            assert all(block.kind is BlockKind.TRADE for block in blocks)
        elif session.kind is SessionKind.FRENCH:
            assert {block.id for block in blocks} <= {"FRA"}
        elif session.kind is SessionKind.MATHS:
            assert {block.id for block in blocks} <= {"MAT"}
        elif session.kind is SessionKind.SAFETY:
            assert {block.id for block in blocks} <= {"SEC"}
        assert all(block.kind is not BlockKind.DRIVING for block in blocks)


def test_ratings_happen_during_the_session_by_its_trainer(demo: Dataset) -> None:
    sessions = {session.id: session for session in demo.sessions}
    marks = {(m.session_id, m.trainee_id): m for m in demo.attendances}
    for assessment in demo.assessments:
        if assessment.session_id is None:
            continue
        session = sessions[assessment.session_id]
        assert assessment.trainer_id == session.trainer_id
        assert assessment.skill_id in session.skill_ids
        at = assessment.recorded_at
        assert at.date() == session.date and session.start <= at.time() <= session.end
        assert marks[(session.id, assessment.trainee_id)].status not in AWAY


def test_attendance_is_mostly_present_with_some_late_arrivals(demo: Dataset) -> None:
    statuses = Counter(mark.status for mark in demo.attendances)
    assert statuses[AttendanceStatus.PRESENT] / len(demo.attendances) > 0.8
    assert statuses[AttendanceStatus.ABSENT] and statuses[AttendanceStatus.EXCUSED]
    late = [m.late_minutes for m in demo.attendances if m.status is AttendanceStatus.LATE]
    assert late and all(5 <= minutes <= 45 for minutes in late)


def test_one_trainee_falls_behind_and_one_left(demo: Dataset) -> None:
    away = Counter(m.trainee_id for m in demo.attendances if m.status in AWAY)
    marks = Counter(m.trainee_id for m in demo.attendances)
    rates = sorted(away[tid] / marks[tid] for tid in marks)
    assert rates[-1] > 0.15 and rates[-1] > 3 * statistics.median(rates)
    (left,) = [t for t in demo.trainees if t.status is TraineeStatus.LEFT]
    assert left.left_on is not None and left.left_reason
    assert left.left_on <= DEMO_TODAY
    sessions = {session.id: session for session in demo.sessions}
    assert all(
        sessions[m.session_id].date <= left.left_on
        for m in demo.attendances
        if m.trainee_id == left.id
    )
    assert all(
        a.recorded_at.date() <= left.left_on for a in demo.assessments if a.trainee_id == left.id
    )
    assert all(d.date <= left.left_on for d in demo.driving_lessons if d.trainee_id == left.id)
    others = {t.status for t in demo.trainees if t.id != left.id}
    assert others == {TraineeStatus.ACTIVE}


def test_levels_rise_over_time(demo: Dataset) -> None:
    start = demo.cohorts[0].start
    days = (DEMO_TODAY - start).days
    early = [a.level for a in demo.assessments if (a.recorded_at.date() - start).days < days / 3]
    late = [a.level for a in demo.assessments if (a.recorded_at.date() - start).days > days * 2 / 3]
    assert statistics.mean(early) + 0.3 < statistics.mean(late)
    assert Counter(early).most_common(1)[0][0] in (1, 2)


def test_measured_values_are_realistic(catalogue: Catalogue, demo: Dataset) -> None:
    measured = [a for a in demo.assessments if a.measured_value is not None]
    assert measured
    failed = 0
    for assessment in measured:
        spec = catalogue.skill(assessment.skill_id).measurement
        assert spec is not None and assessment.measured_value is not None
        if not spec.accepts(assessment.measured_value):
            failed += 1
            assert not catalogue.scale.is_proficient(assessment.level)
    assert 0 < failed < len(measured) / 2
    splice_skills = {
        skill.id
        for skill in catalogue.skills
        if skill.measurement and skill.measurement.quantity == "splice_loss"
    }
    splices = [a.measured_value for a in measured if a.skill_id in splice_skills]
    # Fusion splices: a few hundredths of a dB, failures just above the limit.
    assert splices and all(v is not None and 0.0 <= v <= 0.3 for v in splices)


def test_driving_lessons_are_evenings_or_wednesday_afternoons(demo: Dataset) -> None:
    for lesson in demo.driving_lessons:
        assert lesson.date.weekday() < 5 and 60 <= lesson.minutes <= 120
        earliest = dt.time(13, 30) if lesson.date.weekday() == 2 else dt.time(17, 30)
        assert lesson.start >= earliest
        assert lesson.ends_at.time() <= dt.time(20, 30)
        assert lesson.instructor and lesson.driving_school
    manual = sum(lesson.gearbox == "manual" for lesson in demo.driving_lessons)
    assert manual > len(demo.driving_lessons) / 2


def test_driving_hours_and_competencies_progress(catalogue: Catalogue, demo: Dataset) -> None:
    minutes: Counter[str] = Counter()
    for lesson in demo.driving_lessons:
        minutes[lesson.trainee_id] += lesson.minutes
    for trainee in demo.trainees:
        if trainee.status is TraineeStatus.ACTIVE:
            assert 6 * 60 <= minutes[trainee.id] <= 16 * 60, trainee.full_name
    order = [skill.id for block in catalogue.driving_blocks for skill in block.skills]
    lessons = demo.driving_lessons
    first = [order.index(s) for lesson in lessons[: len(lessons) // 4] for s in lesson.competencies]
    last = [order.index(s) for lesson in lessons[-len(lessons) // 4 :] for s in lesson.competencies]
    assert statistics.mean(first) < statistics.mean(last)


def test_notes_are_in_french(demo: Dataset) -> None:
    notes = [a.note for a in demo.assessments if a.note]
    assert len(notes) > 50
    assert any("à" in note or "é" in note for note in notes)
