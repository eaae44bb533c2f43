"""The campus history generator, and datasets merged from several generators.

One year of history: its size, complete cohorts, every record valid, nobody in two places at
once, streamed or collected alike; merging needs distinct id prefixes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict

import pytest

from tests.demo_checks import check_all
from trainer_tui.demo import HISTORY_END, Dataset, campus_history, demo_cohort, iter_campus_history
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import TraineeStatus

pytest_plugins = ["tests.demo_fixtures"]


@pytest.fixture(scope="module")
def year(catalogue: Catalogue) -> Dataset:
    return campus_history(catalogue, years=1)


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
    check_all(year, catalogue, HISTORY_END)


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
