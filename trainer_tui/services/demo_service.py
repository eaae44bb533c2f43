"""The demo cohort as a trainer would see it: generated records turned into an overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer_tui.demo import DEMO_TODAY, Dataset, demo_cohort
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.services.overview import TraineeOverview, cohort_overview


@dataclass(frozen=True, slots=True)
class DemoCohort:
    """The demo cohort, the day it is shown as of, its records and one row per trainee."""

    cohort: Cohort
    today: dt.date
    dataset: Dataset
    rows: tuple[TraineeOverview, ...]


def build_demo_cohort(catalogue: Catalogue, today: dt.date = DEMO_TODAY) -> DemoCohort:
    """Generate the demo cohort (always the same, from a fixed seed) and its overview."""
    dataset = demo_cohort(catalogue, today=today)
    cohort = dataset.cohorts[0]
    rows = cohort_overview(
        catalogue,
        cohort,
        dataset.trainees,
        dataset.sessions,
        dataset.attendances,
        dataset.assessments,
        dataset.driving_lessons,
    )
    return DemoCohort(cohort=cohort, today=today, dataset=dataset, rows=tuple(rows))
