"""Helpers of the practical-session tests (test_session.py, test_rating_grid.py).

A session recorded through the services, its attendance marks, the rating grid pushed over
the dashboard, and what the screens show and the workspace stores.
"""

from __future__ import annotations

import datetime as dt

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Static

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.progress import current_assessments
from trainer_tui.domain.records import Assessment, AttendanceStatus, Session, SessionKind
from trainer_tui.services import activity
from trainer_tui.services.activity import Mark
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.rating_grid import RatingGridScreen

from .conftest import NOW


def text_of(app: TrainerApp, selector: str) -> str:
    """What a Static shows, as plain text."""
    return str(app.screen.query_one(selector, Static).render())


def session_assessments(ws: Workspace, cohort: Cohort, session: Session) -> list[Assessment]:
    """The live (not voided) assessments stored for ``session``."""
    return [a for a in ws.cohort_records(cohort).assessments if a.session_id == session.id]


def current(ws: Workspace, cohort: Cohort, trainee_id: str, skill_id: str) -> Assessment | None:
    """The stored assessment that sets a cell's level (latest wins)."""
    mine = [a for a in ws.cohort_records(cohort).assessments if a.trainee_id == trainee_id]
    return current_assessments(mine).get(skill_id)


def make_session(ws: Workspace, skills: tuple[str, ...] = ("SPL-04", "SPL-02")) -> Session:
    """A practical session this morning, recorded through the services."""
    cohort = ws.cohorts()[0]
    return activity.record_session(
        ws,
        cohort,
        date=NOW.date(),
        start=dt.time(9, 0),
        end=dt.time(12, 30),
        kind=SessionKind.PRACTICAL,
        trainer=ws.trainers()[0],
        skill_ids=skills,
    )


def one_absent(ws: Workspace, session: Session) -> str:
    """Mark everyone present except the second trainee; return the absent one's id."""
    cohort = ws.cohorts()[0]
    trainees = activity.present_trainees(ws.cohort_records(cohort).trainees, session.date)
    marks = [Mark(tr, AttendanceStatus.PRESENT) for tr in trainees]
    marks[1] = Mark(trainees[1], AttendanceStatus.ABSENT)
    activity.mark_attendance(ws, cohort, session, marks)
    return trainees[1].id


async def open_grid(
    app: TrainerApp, pilot: Pilot[str | None], session: Session
) -> RatingGridScreen:
    """Push the rating grid of ``session`` over the dashboard."""
    await pilot.pause()
    app.push_screen(RatingGridScreen(app.workspace.cohorts()[0], session))
    await pilot.pause()
    assert isinstance(app.screen, RatingGridScreen)
    return app.screen


def cell_text(screen: RatingGridScreen, row: int, column: int) -> str:
    """What a grid cell shows."""
    return str(screen.table.get_cell_at(Coordinate(row, column)))
