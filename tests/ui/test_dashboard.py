"""The dashboard and the first run, driven with Pilot."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from trainer_tui.i18n import set_language
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import OPEN_DEMO, TrainerApp, create_app
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.welcome import WelcomeScreen


async def test_dashboard_lists_every_trainee(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
        table = demo_app.screen.query_one("#trainees", DataTable)
        assert table.row_count == 14
        first = table.get_row_at(0)
        assert first[1].startswith("SD26") and first[2].endswith("/400")


async def test_struggling_trainee_is_flagged(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = demo_app.screen.query_one("#trainees", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        flagged = [row for row in rows if row[6]]
        assert flagged and any("Abs." in row[6] for row in flagged)


async def test_first_run_creates_a_cohort_that_is_stored(empty_ws: Workspace) -> None:
    app = create_app(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("c")
        await pilot.pause()
        for field, text in (
            ("#name", "Promo test"),
            ("#campus", "Lyon"),
            ("#start", "02/11/2026"),
            ("#end", "05/02/2027"),
        ):
            app.screen.query_one(field).value = text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    stored = empty_ws.cohorts()
    assert [(c.name, c.campus, c.start.isoformat()) for c in stored] == [
        ("Promo test", "Lyon", "2026-11-02")
    ]


async def test_first_run_form_error_stores_nothing(empty_ws: Workspace) -> None:
    app = create_app(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#name").value = "Promo"
        app.screen.query_one("#campus").value = "Lyon"
        app.screen.query_one("#start").value = "31/02/2026"
        await pilot.press("enter")
        await pilot.pause()
        assert "date invalide" in str(app.screen.query_one("FormError").render())
    assert empty_ws.cohorts() == []


async def test_demo_button_asks_for_the_demo_folder(empty_ws: Workspace) -> None:
    app = create_app(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
    assert app.return_value == OPEN_DEMO


async def test_help_and_english(demo_ws: Workspace) -> None:
    set_language("en")
    app = create_app(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        text = " ".join(str(w.render()) for w in app.screen.query("Markdown *"))
        assert "Cohort dashboard" in text or app.screen.help_key == "help.dashboard"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_a_trainer_can_be_added_while_setting_up_a_session(empty_ws: Workspace) -> None:
    from trainer_tui.services import enrolment

    cohort = enrolment.create_cohort(
        empty_ws, name="Promo", campus="Lyon", start=dt.date(2026, 11, 2), end=dt.date(2027, 2, 5)
    )
    app = create_app(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.query_one("#name").value = "Karim Haddad"
        app.screen.query_one("#initials").value = "kh"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#trainer").value == empty_ws.trainers()[0].id
    assert [(t.name, t.initials) for t in empty_ws.trainers()] == [("Karim Haddad", "KH")]
    assert cohort.name == "Promo"


async def test_language_switch_is_remembered_for_this_laptop(demo_ws: Workspace) -> None:
    from trainer_tui.i18n import get_language
    from trainer_tui.services.settings import saved_language

    app = create_app(demo_ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_switch_language()
        await pilot.pause()
        assert get_language() == "en"
        table = app.screen.query_one("#trainees", DataTable)
        assert next(str(c.label) for c in table.columns.values()) == "Trainee"
    assert saved_language(demo_ws.replica.data_dir) == "en"


async def test_the_keyboard_scrolls_the_help_down_to_its_list_of_keys(demo_ws: Workspace) -> None:
    """At 80x24 the help is longer than the screen: End must reach the keys at its foot."""
    from textual.containers import VerticalScroll

    app = create_app(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_closing_the_terminal_window_quits_as_ctrl_q_does(demo_ws: Workspace) -> None:
    """SIGHUP (the window closed) or SIGTERM: the app exits normally, so its changes get
    sealed and the dashboard's cache left fresh, instead of the process being killed."""
    import os
    import signal

    app = create_app(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause()
        await pilot.pause()
        assert app.return_code == 0  # on its way out, as after Ctrl+Q (None while it runs)
