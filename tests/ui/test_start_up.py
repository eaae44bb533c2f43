"""What makes the app open fast: the dashboard's cache, the paused collector, the footer.

Each speed-up must leave what the trainer sees exactly as it was; these tests say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_helpers import cli_on
from tests.workspaces import NOW, open_workspace
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.services import activity
from trainer_tui.services.dashboard import build_dashboard
from trainer_tui.services.dashboard_cache import facts_key, load_cached_facts
from trainer_tui.services.dashboard_facts import AlertSettings, cohort_facts
from trainer_tui.services.workspace import Workspace
from trainer_tui.startup import start_up_done
from trainer_tui.ui.app import create_app
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.session_setup import SessionSetupScreen
from trainer_tui.ui.widgets.footer import KeysFooter


def _reopen(ws: Workspace, catalogue: Catalogue, prefix: str) -> Workspace:
    folder = ws.replica.data_dir
    ws.close()
    return open_workspace(folder, catalogue, op_prefix=prefix)


def _cache_file(ws: Workspace) -> Path:
    return ws.replica.data_dir / "local" / f"dashboard-{ws.cohorts()[0].id}.json"


def test_the_dashboard_reopens_from_its_cache_without_reading_records(
    demo_ws: Workspace, ui_catalogue: Catalogue
) -> None:
    cohort = demo_ws.cohorts()[0]
    computed = build_dashboard(demo_ws, cohort)
    assert _cache_file(demo_ws).exists()

    ws = _reopen(demo_ws, ui_catalogue, "again")
    try:
        cached = build_dashboard(ws, cohort)
        assert cohort.id not in ws.replica.loaded()  # the records were not read
        assert cached == computed
        assert cached.rows and any(row.alerts for row in cached.rows)
    finally:
        ws.close()


def test_a_change_to_the_cohort_is_never_hidden_by_the_cache(demo_ws: Workspace) -> None:
    cohort = demo_ws.cohorts()[0]
    before = build_dashboard(demo_ws, cohort)
    first = before.rows[0].overview
    activity.log_driving(
        demo_ws,
        cohort,
        first.trainee,
        date=NOW.date(),
        start=dt.time(7, 0),
        minutes=60,
        instructor="M. Diallo",
    )
    after = build_dashboard(demo_ws, cohort)
    assert after.rows[0].overview.driving.done_minutes == first.driving.done_minutes + 60


def test_another_day_reuses_the_facts_and_recomputes_the_alerts(
    demo_ws: Workspace, ui_catalogue: Catalogue
) -> None:
    cohort = demo_ws.cohorts()[0]
    build_dashboard(demo_ws, cohort)
    folder = demo_ws.replica.data_dir
    demo_ws.close()
    later = cohort.end - dt.timedelta(days=1)
    ws = Workspace.open(folder, ui_catalogue, clock=lambda: dt.datetime.combine(later, NOW.time()))
    try:
        dashboard = build_dashboard(ws, cohort)
        assert cohort.id not in ws.replica.loaded()
        assert dashboard.today == later and dashboard.elapsed > 0.95
        # Near the end, every active trainee short of driving hours is flagged.
        fresh = cohort_facts(ws, cohort, AlertSettings())
        behind = [
            facts.overview.trainee.id
            for facts in fresh.trainees
            if facts.overview.driving.share + 0.25 < dashboard.elapsed
            and facts.overview.trainee.status.value == "active"
        ]
        flagged = [
            row.overview.trainee.id for row in dashboard.rows if "driving_behind" in row.alerts
        ]
        assert flagged == behind and behind
    finally:
        ws.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda cached: cached["trainees"][0]["blocks"].append(["XX", -1, 3]),
        lambda cached: cached["trainees"][0]["trainee"].update(first_name=""),
        lambda cached: cached.update(trainees="nothing"),
        lambda cached: cached["trainees"][1].pop("driving"),
    ],
)
def test_a_damaged_cache_is_recomputed_not_shown(
    demo_ws: Workspace, ui_catalogue: Catalogue, damage: object
) -> None:
    cohort = demo_ws.cohorts()[0]
    computed = build_dashboard(demo_ws, cohort)
    path = _cache_file(demo_ws)
    cached = json.loads(path.read_text("utf-8"))
    damage(cached)  # type: ignore[operator]
    path.write_text(json.dumps(cached), "utf-8")

    ws = _reopen(demo_ws, ui_catalogue, "again")
    try:
        assert build_dashboard(ws, cohort) == computed
        assert cohort.id in ws.replica.loaded()  # worked out from the records again
    finally:
        ws.close()


def test_the_cache_key_covers_the_catalogue_and_the_rules(
    demo_ws: Workspace, ui_catalogue: Catalogue
) -> None:
    cohort = demo_ws.cohorts()[0]
    rules = AlertSettings()
    key = facts_key(demo_ws, cohort, rules)
    assert key == facts_key(demo_ws, cohort, AlertSettings())
    assert key != facts_key(demo_ws, cohort, dataclasses.replace(rules, no_progress_sessions=3))
    demo_ws.catalogue = ui_catalogue.model_copy(update={"version": "1.1"})
    assert key != facts_key(demo_ws, cohort, rules)


@pytest.fixture
def paused_collector() -> Iterator[None]:
    """The collector paused as the console script pauses it; everything restored after."""
    frozen = gc.get_freeze_count()
    gc.disable()
    yield
    gc.enable()
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()


def test_start_up_done_resumes_collection_once(paused_collector: None) -> None:
    start_up_done()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    start_up_done()  # a second screen shown: nothing more happens
    assert gc.get_freeze_count() == frozen


def test_start_up_done_leaves_an_unpaused_collector_alone() -> None:
    frozen = gc.get_freeze_count()
    start_up_done()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


async def test_the_app_resumes_collection_once_the_dashboard_is_shown(
    demo_ws: Workspace, paused_collector: None
) -> None:
    app = create_app(demo_ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.pause()
        assert gc.isenabled()


async def test_the_footer_shows_its_keys_at_once_and_redraws_only_when_they_change(
    demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt: list[KeysFooter] = []
    original = KeysFooter.recompose

    async def counting(footer: KeysFooter) -> None:
        rebuilt.append(footer)
        await original(footer)

    monkeypatch.setattr(KeysFooter, "recompose", counting)
    app = create_app(demo_ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert rebuilt == []  # the dashboard's keys were there from the first paint
        keys = [key.key for key in app.screen.query("FooterKey")]
        assert {"n", "e", "d", "s"} <= set(keys)

        app.push_screen(SessionSetupScreen(demo_ws.cohorts()[0]))
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        for _ in range(4):  # through the form's fields: the same keys each time
            await pilot.press("tab")
            await pilot.pause()
        assert [f for f in rebuilt if f is footer] == []


async def test_a_table_filled_while_its_screen_opens_is_measured_at_once() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from trainer_tui.ui.widgets.tables import measure_now

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    app = TableApp()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(DataTable)
        table.add_columns("a", "b")
        for number in range(14):
            table.add_row(str(number), "x" * number)
        assert table.virtual_size.height == 0  # DataTable waits for its next idle moment
        measure_now(table)
        assert table.virtual_size.height == 14 + 1  # rows and header, before any paint
        assert table.virtual_size.width >= 13


def test_a_command_that_wrote_leaves_the_cache_fresh_for_the_next_start(
    demo_ws: Workspace,
    ui_catalogue: Catalogue,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a rating from the command line, the app opens without reading the records."""
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    initials = demo_ws.trainers()[0].initials
    cli = cli_on(demo_ws, capsys, monkeypatch)
    cli.ok("rate", trainee.code, "SEC-01", "4", "--trainer", initials)
    ws = open_workspace(cli.data, ui_catalogue, op_prefix="next")
    try:
        rules = AlertSettings()
        cached = load_cached_facts(ws, cohort, facts_key(ws, cohort, rules))
        assert cached is not None
        assert cohort.id not in ws.replica.loaded()  # the records were not read
        assert cached == cohort_facts(ws, cohort, rules)  # and they hold the new rating
    finally:
        ws.close()
