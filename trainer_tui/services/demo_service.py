"""The demo: a data folder holding one realistic cohort, and its overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer_tui.demo import Dataset, demo_cohort
from trainer_tui.domain.people import Cohort
from trainer_tui.services import preferences
from trainer_tui.services.overview import TraineeOverview, overview_of_cohort
from trainer_tui.services.records import change_for
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL

DEMO_PREFIX = "demo-"


@dataclass(frozen=True, slots=True)
class CohortOverview:
    """A cohort, the day it is shown as of, and one overview row per trainee."""

    cohort: Cohort
    today: dt.date
    rows: tuple[TraineeOverview, ...]


def load_demo(ws: Workspace) -> Cohort:
    """Put the demo cohort in the workspace unless it is already there; return it.

    The cohort is generated mid-programme, with everything done up to yesterday, from a
    fixed seed.
    """
    _demo_paperwork(ws)
    for cohort in ws.cohorts():
        if cohort.id.startswith(DEMO_PREFIX):
            return cohort
    # Up to yesterday: today's sessions have not all happened yet when the demo is opened.
    yesterday = ws.today() - dt.timedelta(days=1)
    dataset = demo_cohort(ws.catalogue, today=yesterday, id_prefix=DEMO_PREFIX)
    write_dataset(ws, dataset)
    return dataset.cohorts[0]


#: What the demo prints on its documents (a made-up school, so that exports work at once).
DEMO_PAPERWORK = {
    "organisation": "École des métiers de la fibre (démonstration)",
    "address": "12 rue de la Fibre, 93200 Saint-Denis",
    "declaration_number": "11 93 00000 93",
    "signatory": "Claire Martin, directrice",
    "place": "Saint-Denis",
    "employer": "Intérim Services (démonstration)",
}


def _demo_paperwork(ws: Workspace) -> None:
    """Give the demo folder its made-up organisation once; a trainer's changes stay."""
    if preferences.paperwork(ws).organisation:
        return
    preferences.update_paperwork(ws, DEMO_PAPERWORK)


def write_dataset(ws: Workspace, dataset: Dataset) -> int:
    """Write generated records into the workspace (sealed in bulk); return the op count."""
    count = ws.replica.write_bulk(
        GLOBAL, (change_for(r) for r in (*dataset.cohorts, *dataset.trainers))
    )
    for cohort in dataset.cohorts:
        trainees = {t.id for t in dataset.trainees if t.cohort_id == cohort.id}
        sessions = {s.id for s in dataset.sessions if s.cohort_id == cohort.id}
        records = [
            *(t for t in dataset.trainees if t.id in trainees),
            *(s for s in dataset.sessions if s.id in sessions),
            *(a for a in dataset.attendances if a.session_id in sessions),
            *(a for a in dataset.assessments if a.trainee_id in trainees),
            *(d for d in dataset.driving_lessons if d.trainee_id in trainees),
        ]
        count += ws.replica.write_bulk(cohort.id, (change_for(r) for r in records))
    return count


def overview_of(ws: Workspace, cohort: Cohort) -> CohortOverview:
    """The overview of ``cohort`` as stored in the workspace."""
    rows = overview_of_cohort(ws, cohort)
    return CohortOverview(cohort=cohort, today=ws.today(), rows=tuple(rows))
