"""Snapshots of the key screens at 80x24 and 120x40 (update with --snapshot-update)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import create_app
from trainer_tui.ui.screens.rating_grid import RatingGridScreen
from trainer_tui.ui.screens.trainee import TraineeScreen

from .test_session import make_session, one_absent

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_dashboard(snap_compare: Any, demo_ws: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(create_app(demo_ws), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_rating_grid(snap_compare: Any, demo_ws: Workspace, size: tuple[int, int]) -> None:
    session = make_session(demo_ws)
    one_absent(demo_ws, session)
    app = create_app(demo_ws)

    async def open_grid(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.push_screen(RatingGridScreen(demo_ws.cohorts()[0], session))
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_grid)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_trainee_file(snap_compare: Any, demo_ws: Workspace, size: tuple[int, int]) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    app = create_app(demo_ws)

    async def open_file(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.push_screen(TraineeScreen(cohort, trainee.id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_file)
