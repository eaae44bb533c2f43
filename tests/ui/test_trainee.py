"""The trainee file, driven with Pilot: what it shows is what is stored, and writes are stored."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Static, TabbedContent

from trainer_tui.domain.people import Trainee, TraineeStatus
from trainer_tui.domain.progress import current_levels
from trainer_tui.i18n import set_language
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp, create_app
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.trainee import TraineeScreen
from trainer_tui.ui.screens.trainee_forms import EditProfileDialog, VoidDialog, WithdrawDialog


async def open_file(app: TrainerApp, pilot: Pilot[object], row: int = 1) -> TraineeScreen:
    """From the dashboard, move to ``row`` and press Enter."""
    await pilot.pause()
    table = app.screen.query_one("#trainees", DataTable)
    table.move_cursor(row=row)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TraineeScreen)
    return app.screen


def text_of(screen: object, selector: str) -> str:
    """What a Static shows, as plain text."""
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def stored_trainee(ws: Workspace, screen: TraineeScreen) -> Trainee:
    """The trainee of ``screen`` as stored now."""
    return next(t for t in ws.cohort_records(screen.cohort).trainees if t.id == screen.trainee_id)


async def test_enter_opens_the_file_with_the_stored_data(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_file(demo_app, pilot, row=1)
        records = ws.cohort_records(screen.cohort)
        trainee = stored_trainee(ws, screen)
        assert trainee.code in text_of(screen, "#trainee-name")
        assert "En formation" in text_of(screen, "#trainee-status")
        mine = [a for a in records.assessments if a.trainee_id == trainee.id]
        history = screen.query_one("#history-table", DataTable)
        assert history.row_count == len(mine) > 0
        newest = max(mine, key=lambda a: (a.recorded_at, a.id))
        assert history.coordinate_to_cell_key((0, 0)).row_key.value == newest.id
        # Every catalogue skill is listed (never-assessed ones too), plus one row per block.
        skills = screen.query_one("#skills", DataTable)
        catalogue = ws.catalogue
        assert skills.row_count == len(catalogue.skills) + len(catalogue.blocks)
        lessons = [d for d in records.lessons if d.trainee_id == trainee.id]
        assert screen.query_one("#driving-table", DataTable).row_count == len(lessons)
        attendance = screen.query_one("#attendance-table", DataTable)
        assert attendance.row_count == len(records.sessions)
        assert "/400 h" in text_of(screen, "#trainee-status")
        await pilot.press("3")
        assert screen.query_one("#tabs", TabbedContent).active == "attendance"
        assert "sur 400 h" in text_of(screen, "#attendance-total")
        await pilot.press("4")
        assert "sur 21 h" in text_of(screen, "#driving-total")


async def test_never_assessed_filter(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_file(demo_app, pilot, row=5)
        assert screen.file is not None
        floor = demo_app.workspace.catalogue.scale.not_assessed
        never = [line for line in screen.file.skills if line.never_assessed(floor)]
        assert never
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#never-only", Checkbox).value
        table = screen.query_one("#skills", DataTable)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert sorted(k for k in keys if k.startswith("skill:")) == sorted(
            f"skill:{line.skill.id}" for line in never
        )


async def test_edit_profile_is_stored(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, EditProfileDialog)
        assert dialog.query_one("#first_name").value == screen.trainee.first_name
        dialog.query_one("#last_name").value = "Martin-Lefèvre"
        dialog.query_one("#email").value = "inès.m@example.fr"
        dialog.query_one("#phone").value = "06 12 34 56 78"
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.screen is screen
        assert "MARTIN-LEFÈVRE" in text_of(screen, "#trainee-name")
        _, stored = ws.find_trainee(screen.trainee_id, screen.cohort)
    assert (stored.last_name, stored.email, stored.phone) == (
        "Martin-Lefèvre",
        "inès.m@example.fr",
        "06 12 34 56 78",
    )


async def test_bad_email_shows_one_error_and_stores_nothing(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot)
        before = stored_trainee(ws, screen)
        await pilot.press("e")
        await pilot.pause()
        dialog = demo_app.screen
        dialog.query_one("#first_name").value = "Autre"
        dialog.query_one("#email").value = "pas-une-adresse"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, EditProfileDialog)
        error = str(dialog.query_one("FormError").render())
        assert error == "e-mail : format invalide : pas-une-adresse"
        assert "\n" not in error
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is screen
    assert stored_trainee(ws, screen) == before


async def test_withdraw_is_stored_and_shown_on_the_dashboard(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot, row=0)
        await pilot.press("w")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, WithdrawDialog)
        assert dialog.query_one("#date").value == "26/11/2026"
        dialog.query_one("#date").value = "20/11/2026"
        await pilot.press(*"Emploi trouvé")
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.screen is screen
        assert "Parti·e le 20/11/2026" in text_of(screen, "#trainee-status")
        stored = stored_trainee(ws, screen)
        assert stored.status is TraineeStatus.LEFT
        assert (stored.left_on, stored.left_reason) == (dt.date(2026, 11, 20), "Emploi trouvé")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
        table = demo_app.screen.query_one("#trainees", DataTable)
        row = table.get_row(screen.trainee_id)
        assert row[0].startswith("(") and row[6] == ""


async def test_withdraw_in_the_future_is_refused(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot)
        await pilot.press("w")
        await pilot.pause()
        dialog = demo_app.screen
        dialog.query_one("#date").value = "01/12/2026"
        dialog.query_one("#reason").value = "Déménagement"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, WithdrawDialog)
        assert "futur" in str(dialog.query_one("FormError").render())
    assert stored_trainee(ws, screen).status is TraineeStatus.ACTIVE


async def test_void_from_history_recomputes_the_level(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot, row=2)
        records = ws.cohort_records(screen.cohort)
        mine = [a for a in records.assessments if a.trainee_id == screen.trainee_id]
        newest = max(mine, key=lambda a: (a.recorded_at, a.id))
        older = [a for a in mine if a.skill_id == newest.skill_id and a is not newest]
        expected = current_levels(older).get(newest.skill_id)
        await pilot.press("v")  # not offered outside the history tab
        await pilot.pause()
        assert demo_app.screen is screen
        await pilot.press("2")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(demo_app.screen, VoidDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.screen is screen
        history = screen.query_one("#history-table", DataTable)
        assert history.row_count == len(mine) - 1
        left = [
            a
            for a in ws.cohort_records(screen.cohort).assessments
            if a.trainee_id == screen.trainee_id
        ]
        assert newest.id not in {a.id for a in left} and len(left) == len(mine) - 1
        assert current_levels(left).get(newest.skill_id) == expected
        assert screen.file is not None
        line = next(s for s in screen.file.skills if s.skill.id == newest.skill_id)
        assert (line.current.level if line.current else None) == expected


async def test_void_can_be_cancelled(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot)
        count = len(ws.cohort_records(screen.cohort).assessments)
        await pilot.press("2", "v")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is screen
    assert len(ws.cohort_records(screen.cohort).assessments) == count


async def test_small_terminal_english_and_help(demo_ws: Workspace) -> None:
    set_language("en")
    app = create_app(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(app, pilot)
        assert "In training" in text_of(screen, "#trainee-status")
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        assert app.screen.help_key == "help.trainee"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_tabs_are_clickable(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(demo_app, pilot)
        await pilot.click("#--content-tab-driving")
        await pilot.pause()
        assert screen.query_one("#tabs", TabbedContent).active == "driving"
