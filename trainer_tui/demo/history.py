"""A synthetic campus history: years of complete cohorts, for benchmarks and archive tests.

A campus runs about four cohorts a year, one every 13 weeks, which comes to about 25,000
records a year. ``iter_campus_history`` yields them one cohort at a time so that a
benchmark can stream ten years into storage without holding them twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator

from trainer_tui.demo import names
from trainer_tui.demo.builder import CohortPlan, cohort_end, generate_cohort
from trainer_tui.demo.calendar import monday_on_or_before
from trainer_tui.demo.curriculum import Curriculum
from trainer_tui.demo.dataset import Dataset
from trainer_tui.demo.people import Staff, make_staff
from trainer_tui.domain.catalogue import Catalogue

#: The history's default last day: the Friday before the demo cohort starts, so that the
#: demo cohort and a campus history can be loaded side by side.
HISTORY_END = dt.date(2026, 10, 2)
COHORT_SPACING = dt.timedelta(weeks=13)
#: Chance that a trainee leaves before the end; chance of one trainee falling behind.
LEAVING_RATE = 0.08
STRUGGLING_RATE = 0.6


def _teams(rng: random.Random, id_prefix: str) -> tuple[Staff, Staff]:
    # Cohorts stretched by holidays overlap the next one by a week or three; giving
    # alternate cohorts different teams means nobody is ever in two places at once.
    first = make_staff(rng, f"{id_prefix}a-", trainer_count=4, instructor_count=2)
    second = make_staff(
        rng, f"{id_prefix}b-", trainer_count=rng.choice((3, 4)), instructor_count=2, exclude=first
    )
    return first, dataclasses.replace(second, driving_school=first.driving_school)


def _starts(count: int, end: dt.date, campus: str) -> list[dt.date]:
    """Start dates of ``count`` cohorts 13 weeks apart, the last one over by ``end``."""
    probe = CohortPlan(
        id_prefix="probe-",
        code_prefix="PROBE",
        campus=campus,
        name="probe",
        start=monday_on_or_before(end - dt.timedelta(weeks=13)),
    )
    while cohort_end(probe) > end:
        probe = dataclasses.replace(probe, start=probe.start - dt.timedelta(weeks=1))
    return [probe.start - COHORT_SPACING * (count - 1 - n) for n in range(count)]


def iter_campus_history(
    catalogue: Catalogue,
    *,
    years: int,
    seed: int = 7,
    end: dt.date = HISTORY_END,
    campus: str = "Saint-Denis",
    cohorts_per_year: int = 4,
    id_prefix: str | None = None,
) -> Iterator[Dataset]:
    """Yield a campus's history, oldest first: the staff, then one ``Dataset`` per cohort.

    Every cohort is complete (about 400 hours of sessions with attendance and ratings, about
    21 hours of driving) and over by ``end``. Each cohort's ids start with
    ``<id_prefix><year>-<n>-`` (``sd-2024-3-s-17``); ``id_prefix`` defaults to the campus
    code (``sd-``). Staff ids are ``sd-a-tr-1``... Cohorts use their own random generator
    seeded from ``seed`` and their rank, so they can be regenerated independently.
    """
    if years < 0 or cohorts_per_year < 1:
        raise ValueError("years must be >= 0 and cohorts_per_year >= 1")
    code = names.campus_code(campus)
    prefix = f"{code.lower()}-" if id_prefix is None else id_prefix
    teams = _teams(random.Random(seed), prefix)
    yield Dataset(trainers=teams[0].everyone + teams[1].everyone)
    curriculum = Curriculum.from_catalogue(catalogue)
    per_year: dict[int, int] = {}
    for rank, start in enumerate(_starts(years * cohorts_per_year, end, campus)):
        # An int seed per cohort: tuples are not accepted by random.Random.
        rng = random.Random(seed * 1_000_003 + rank)
        number = per_year[start.year] = per_year.get(start.year, 0) + 1
        count = rng.randint(12, 16)
        plan = CohortPlan(
            id_prefix=f"{prefix}{start.year}-{number}-",
            code_prefix=f"{code}{start.year % 100:02d}{number}",
            campus=campus,
            name=f"Promo {names.FRENCH_MONTHS[start.month - 1]} {start.year}",
            start=start,
            trainee_count=count,
            struggling=int(rng.random() < STRUGGLING_RATE),
            leavers=tuple(
                sorted(rng.uniform(0.1, 0.85) for _ in range(count) if rng.random() < LEAVING_RATE)
            ),
        )
        yield generate_cohort(catalogue, plan, teams[rank % 2], rng, end, curriculum)


def campus_history(
    catalogue: Catalogue,
    *,
    years: int,
    seed: int = 7,
    end: dt.date = HISTORY_END,
    campus: str = "Saint-Denis",
    cohorts_per_year: int = 4,
    id_prefix: str | None = None,
) -> Dataset:
    """The whole of ``iter_campus_history`` as one ``Dataset`` (about 25,000 records a year)."""
    return Dataset.union(
        iter_campus_history(
            catalogue,
            years=years,
            seed=seed,
            end=end,
            campus=campus,
            cohorts_per_year=cohorts_per_year,
            id_prefix=id_prefix,
        )
    )
