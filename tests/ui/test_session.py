"""The practical session driven with Pilot: set-up, attendance, the whole flow; what gets STORED.

The rating grid itself is tested in tests/ui/test_rating_grid.py.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, OptionList

from trainer_tui.domain.records import AttendanceStatus, SessionKind
from trainer_tui.services import activity
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.attendance import AttendanceScreen
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.rating_grid import RatingGridScreen
from trainer_tui.ui.screens.session_setup import SessionSetupScreen

from .conftest import NOW
from .session_helpers import make_session, one_absent, session_assessments, text_of

# -- the whole flow -----------------------------------------------------------------------------


async def test_whole_flow_from_the_dashboard_is_stored(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    sessions_before = len(ws.cohort_records(cohort).sessions)
    async with demo_app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
        await pilot.press("n")
        await pilot.pause()
        setup = demo_app.screen
        assert isinstance(setup, SessionSetupScreen)
        # Date today and the morning slot are the defaults; tick two skills by filtering.
        setup.query_one("#filter", Input).focus()
        await pilot.press(*"spl-04", "enter", *"cliver", "enter")
        await pilot.pause()
        chosen = list(setup.chosen)
        assert chosen == ["SPL-04", "SPL-03"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        attendance = demo_app.screen
        assert isinstance(attendance, AttendanceScreen)
        session = attendance.session
        # Second trainee absent, third late 15 minutes, then validate with Enter.
        await pilot.press("down", "a", "down", "l", "1", "5", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        grid = demo_app.screen
        assert isinstance(grid, RatingGridScreen)
        await pilot.press("3", "2")
        await pilot.pause()
        assert "Enregistré" in text_of(demo_app, "#grid-status")

    records = ws.cohort_records(cohort)
    assert len(records.sessions) == sessions_before + 1
    stored = next(s for s in records.sessions if s.id == session.id)
    assert (stored.date, stored.start, stored.end) == (NOW.date(), dt.time(9), dt.time(12, 30))
    assert stored.kind is SessionKind.PRACTICAL and list(stored.skill_ids) == chosen
    assert stored.trainer_id in {tr.id for tr in ws.trainers()}
    expected = activity.present_trainees(records.trainees, NOW.date())
    marks = {a.trainee_id: a for a in records.attendances if a.session_id == session.id}
    assert len(marks) == len(expected) == 13
    assert marks[expected[1].id].status is AttendanceStatus.ABSENT
    assert (marks[expected[2].id].status, marks[expected[2].id].late_minutes) == (
        AttendanceStatus.LATE,
        15,
    )
    assert sum(m.status is AttendanceStatus.PRESENT for m in marks.values()) == 11
    rated = session_assessments(ws, cohort, session)
    # Present trainees come first in the grid: the first two rows are trainees 0 and 2.
    assert [(a.trainee_id, a.skill_id, a.level) for a in rated] == [
        (expected[0].id, chosen[0], 3),
        (expected[2].id, chosen[0], 2),
    ]
    assert all(a.session_id == session.id for a in rated)


async def test_setup_error_shows_one_line_and_stores_nothing(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    before = len(ws.cohort_records(cohort).sessions)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # practical, no skill ticked
        await pilot.pause()
        assert "au moins une compétence" in str(demo_app.screen.query_one("FormError").render())
        await pilot.press("shift+tab", "shift+tab", "ctrl+f")  # Ctrl+F: back to the filter
        assert demo_app.screen.focused is demo_app.screen.query_one("#filter")
        await pilot.press(*"spl-04", "enter")
        demo_app.screen.query_one("#date", Input).value = "27/11/2026"  # tomorrow
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, SessionSetupScreen)
        assert "futur" in str(demo_app.screen.query_one("FormError").render())
        assert demo_app.screen.focused is demo_app.screen.query_one("#date")  # field at fault
    assert len(ws.cohort_records(cohort).sessions) == before


async def test_reopened_attendance_shows_and_replaces_the_marks(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    absent_id = one_absent(ws, session)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # From the set-up screen, Ctrl+O lists the sessions, most recent first.
        await pilot.press("n", "ctrl+o")
        await pilot.pause()
        listed = demo_app.screen.query_one("#sessions", OptionList)
        ids = [listed.get_option_at_index(i).id for i in range(listed.option_count)]
        assert len(ids) == len(ws.cohort_records(cohort).sessions)
        listed.highlighted = ids.index(session.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, AttendanceScreen)
        assert demo_app.screen.session == session
        table = demo_app.screen.query_one("#att-table", DataTable)
        assert "absent" in str(table.get_cell(absent_id, "status"))
        assert "remplace" in text_of(demo_app, "#att-status")
        await pilot.press("down", "p", "ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, RatingGridScreen)
    marks = [a for a in ws.cohort_records(cohort).attendances if a.session_id == session.id]
    assert len(marks) == 13 and {m.status for m in marks} == {AttendanceStatus.PRESENT}


# -- 80x24 and help -----------------------------------------------------------------------------


async def test_screens_fit_80x24_with_help(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    one_absent(ws, session)
    screens = [
        (SessionSetupScreen(cohort), "help.session_setup", "#skills"),
        (AttendanceScreen(cohort, session), "help.session_attendance", "#att-table"),
        (RatingGridScreen(cohort, session), "help.session_rating_grid", "#grid-status"),
    ]
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for screen, help_key, widget in screens:
            demo_app.push_screen(screen)
            await pilot.pause()
            region = screen.query_one(widget).region
            assert region.height >= 1 and region.bottom <= 23, (help_key, region)
            await pilot.press("f1")
            await pilot.pause()
            assert getattr(demo_app.screen, "help_key", None) == help_key
            await pilot.press("escape")
            await pilot.pause()
            assert demo_app.screen is screen
            demo_app.pop_screen()
            await pilot.pause()
        grid = RatingGridScreen(cohort, session)
        demo_app.push_screen(grid)
        await pilot.pause()
        # All 13 trainees of the demo are visible at once, with the panel and the status line.
        assert grid.table.region.height >= 14
