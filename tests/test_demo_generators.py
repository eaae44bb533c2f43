"""The demo generators: deterministic, realistic, and valid against every domain rule."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

import pytest

from trainer_tui.demo import (
    DEMO_TODAY,
    HISTORY_END,
    Dataset,
    campus_history,
    demo_cohort,
    iter_campus_history,
)
from trainer_tui.demo.calendar import easter_sunday, is_closed
from trainer_tui.domain.catalogue import (
    Block,
    BlockKind,
    Catalogue,
    MeasurementSpec,
    Quantity,
    RatingScale,
    ScaleLevel,
    Skill,
)
from trainer_tui.domain.people import TraineeStatus
from trainer_tui.domain.records import AttendanceStatus, DrivingLesson, SessionKind
from trainer_tui.domain.rules import check_assessment, check_attendance, check_driving_lesson
from trainer_tui.domain.text import LocalizedText

AWAY = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


@pytest.fixture(scope="module")
def demo(catalogue: Catalogue) -> Dataset:
    return demo_cohort(catalogue)


@pytest.fixture(scope="module")
def year(catalogue: Catalogue) -> Dataset:
    return campus_history(catalogue, years=1)


def _digest(dataset: Dataset) -> str:
    digest = hashlib.sha256()
    for name in dataset.counts():
        for record in getattr(dataset, name):
            digest.update(record.model_dump_json().encode())
    return digest.hexdigest()


def _check_all(dataset: Dataset, catalogue: Catalogue, today: dt.date) -> None:
    """Every record passes the domain rules, lessons against the trainee's other lessons."""
    sessions = {session.id: session for session in dataset.sessions}
    cohorts = {cohort.id: cohort for cohort in dataset.cohorts}
    cohort_of = {trainee.id: cohorts[trainee.cohort_id] for trainee in dataset.trainees}
    for assessment in dataset.assessments:
        check_assessment(assessment, catalogue, today)
    for mark in dataset.attendances:
        check_attendance(mark, sessions[mark.session_id])
    lessons: dict[str, list[DrivingLesson]] = defaultdict(list)
    for lesson in dataset.driving_lessons:
        lessons[lesson.trainee_id].append(lesson)
    for lesson in dataset.driving_lessons:
        check_driving_lesson(
            lesson, cohort_of[lesson.trainee_id], catalogue, today, lessons[lesson.trainee_id]
        )


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
    _check_all(demo, catalogue, DEMO_TODAY)


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


# --- datasets ----------------------------------------------------------------------------


def test_merging_two_demo_cohorts_needs_distinct_prefixes(
    catalogue: Catalogue, demo: Dataset
) -> None:
    other = demo_cohort(catalogue, seed=9, campus="Villeurbanne", id_prefix="vil-")
    merged = demo.merge(other)
    assert merged.count() == demo.count() + other.count()
    assert demo.merge(demo) == demo
    with pytest.raises(ValueError, match="id prefix"):
        demo.merge(demo_cohort(catalogue, seed=9))


# --- campus history ----------------------------------------------------------------------


def test_one_year_of_history_has_about_25000_records(year: Dataset) -> None:
    assert 20_000 <= year.count() <= 30_000
    assert len(year.cohorts) == 4
    assert all(12 <= Counter(t.cohort_id for t in year.trainees)[c.id] <= 16 for c in year.cohorts)


def test_history_cohorts_are_complete(catalogue: Catalogue, year: Dataset) -> None:
    assert all(cohort.end <= HISTORY_END for cohort in year.cohorts)
    assert {t.status for t in year.trainees} <= {TraineeStatus.COMPLETED, TraineeStatus.LEFT}
    sessions = {session.id: session for session in year.sessions}
    scheduled: Counter[str] = Counter()
    for session in year.sessions:
        scheduled[session.cohort_id] += session.minutes
    assert all(400 * 60 <= minutes <= 405 * 60 for minutes in scheduled.values())
    driving: Counter[str] = Counter()
    for lesson in year.driving_lessons:
        driving[lesson.trainee_id] += lesson.minutes
    completed = [t for t in year.trainees if t.status is TraineeStatus.COMPLETED]
    assert statistics.mean(driving[t.id] for t in completed) >= 20 * 60
    assert all(sessions[m.session_id].cohort_id for m in year.attendances)


def test_every_history_record_passes_the_domain_rules(catalogue: Catalogue, year: Dataset) -> None:
    _check_all(year, catalogue, HISTORY_END)


def test_nobody_is_in_two_places_at_once(year: Dataset) -> None:
    busy: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for session in year.sessions:
        busy[session.trainer_id].append(
            (
                dt.datetime.combine(session.date, session.start),
                dt.datetime.combine(session.date, session.end),
            )
        )
    for lesson in year.driving_lessons:
        busy[lesson.instructor].append((lesson.starts_at, lesson.ends_at))
    for spans in busy.values():
        spans.sort()
        assert all(later[0] >= earlier[1] for earlier, later in itertools.pairwise(spans))


def test_streaming_gives_the_collected_history(catalogue: Catalogue, year: Dataset) -> None:
    parts = list(iter_campus_history(catalogue, years=1))
    assert parts[0].trainers and not parts[0].cohorts
    assert all(len(part.cohorts) == 1 and not part.trainers for part in parts[1:])
    assert sum(part.count() for part in parts) == year.count()
    assert Dataset.union(parts) == year


def test_history_ids_do_not_collide_with_the_demo(demo: Dataset, year: Dataset) -> None:
    merged = demo.merge(year)
    assert merged.count() == demo.count() + year.count()


# --- robustness --------------------------------------------------------------------------


def _text(value: str) -> LocalizedText:
    return LocalizedText(fr=value, en=value)


def _skills(prefix: str, count: int) -> tuple[Skill, ...]:
    return tuple(
        Skill(id=f"{prefix}-{n:02d}", title=_text(f"{prefix} {n}"), criterion=_text("ok"))
        for n in range(1, count + 1)
    )


@pytest.fixture
def tiny_catalogue() -> Catalogue:
    """A minimal catalogue: one trade block with a measurement, one driving block."""
    splice = Skill(
        id="SOU-01",
        title=_text("Souder"),
        criterion=_text("perte faible"),
        measurement=MeasurementSpec(quantity="loss", unit="dB", max=0.1, levels=(2, 3)),
    )
    return Catalogue(
        id="tiny",
        version="1",
        title=_text("Tiny"),
        scale=RatingScale(
            levels=tuple(ScaleLevel(value=v, label=_text(str(v))) for v in range(4)),
            proficient_from=2,
        ),
        quantities={
            "loss": Quantity(unit="dB", label=_text("perte"), physical_min=0, physical_max=5)
        },
        blocks=(
            Block(
                id="SOU",
                order=1,
                kind=BlockKind.TRADE,
                title=_text("Soudure"),
                skills=(splice, *_skills("SOU", 3)[1:]),
            ),
            Block(
                id="DRV",
                order=2,
                kind=BlockKind.DRIVING,
                title=_text("Conduite"),
                skills=_skills("DRV", 4),
            ),
        ),
    )


def test_generators_adapt_to_a_minimal_catalogue(tiny_catalogue: Catalogue) -> None:
    dataset = demo_cohort(tiny_catalogue, seed=3)
    _check_all(dataset, tiny_catalogue, DEMO_TODAY)
    assert {a.level for a in dataset.assessments} <= {1, 2, 3}
    assert {s.kind for s in dataset.sessions} <= {
        SessionKind.PRACTICAL,
        SessionKind.ASSESSMENT,
        SessionKind.WORKPLACE,
        SessionKind.COMPANY_VISIT,
    }
    assert any(a.skill_id.startswith("DRV") for a in dataset.assessments)


def test_calendar_knows_french_holidays() -> None:
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert easter_sunday(2027) == dt.date(2027, 3, 28)
    assert is_closed(dt.date(2026, 11, 11)) and is_closed(dt.date(2026, 5, 14))
    assert not is_closed(dt.date(2026, 11, 26))
