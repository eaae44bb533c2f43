"""The sync screen (folder, worker, report) and the command palette's domain commands."""

from __future__ import annotations

import importlib
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandPalette, Hit
from textual.widgets import Input, OptionList, ProgressBar, Static

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.i18n import set_language, t
from trainer_tui.services import settings, syncing
from trainer_tui.services.status import status_json
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.commands import TrainerCommands, fold
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.sync import SyncScreen, likely_folders

from .conftest import NOW


class PaletteApp(TrainerApp):
    """The app with the domain commands registered, as app.py is to do."""

    CSS_PATH = str(Path(sys.modules[TrainerApp.__module__].__file__ or "").with_name("app.tcss"))
    COMMANDS = App.COMMANDS | {TrainerCommands}


def _text(screen: SyncScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _sync_to(app: TrainerApp, pilot: Any, folder: Path | str) -> SyncScreen:
    """From the dashboard: S, type the folder, Enter, wait for the worker."""
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SyncScreen)
    screen.query_one("#sync-folder", Input).value = str(folder)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_sync_publishes_and_a_second_laptop_converges(
    demo_ws: Workspace, ui_catalogue: Catalogue, tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await _sync_to(app, pilot, folder)
        assert screen.phase == "report"
        assert screen.outcome is not None and screen.outcome.report.published_segments > 0
        status = _text(screen, "#sync-status")
        assert status == t("ui.sync.done", folder=folder)
        assert "Envoyé" in _text(screen, "#sync-lines")
        assert screen.query_one("#sync-progress", ProgressBar).progress > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    published = list((folder / "trainer-tui" / "segments").rglob("*.json"))
    assert len(published) == screen.outcome.report.published_segments
    assert settings.last_sync_folder(demo_ws) == folder

    # A second laptop (another device, empty data folder) gets everything from the stick.
    other = Workspace.open(
        tmp_path / "laptop2", ui_catalogue, clock=lambda: NOW, device_id="testdev2"
    )
    # Of one school: the demo laptop's key trusted here (else nothing would be applied).
    other.replica.trust_key(demo_ws.replica.device.id, demo_ws.replica.key.public)
    try:
        outcome = syncing.sync(other, folder)
        assert outcome.report.imported_segments == len(published)
        assert status_json(other) == status_json(demo_ws)
    finally:
        other.close()


async def test_the_last_folder_is_offered_next_time(demo_ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    settings.remember_sync_folder(demo_ws, folder)
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#sync-folder", Input).value == str(folder)
        places = app.screen.query_one("#sync-places", OptionList)
        assert places.get_option_at_index(0).id == str(folder)
        places.focus()
        places.highlighted = 0
        await pilot.press("enter")  # picking a place syncs with it at once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.phase == "report"
    assert list((folder / "trainer-tui" / "devices").glob("testdev1-*.json"))


async def test_a_missing_folder_is_one_clear_line_and_nothing_is_written(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    missing = tmp_path / "no-stick"
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await _sync_to(app, pilot, missing)
        assert screen.phase == "error"
        assert _text(screen, "#sync-status") == t("cli.sync_not_a_folder", folder=missing)
        assert screen.query_one("#sync-status").has_class("error")
        assert _text(screen, "#sync-lines") == ""
        # The data folder itself is refused too.
        screen.query_one("#sync-folder", Input).value = str(demo_ws.replica.data_dir)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _text(screen, "#sync-status") == t(
            "cli.sync_inside_data", folder=demo_ws.replica.data_dir
        )
        # An empty field says what to do.
        screen.query_one("#sync-folder", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert _text(screen, "#sync-status") == t("ui.sync.no_folder")
    assert not missing.exists()
    assert not (demo_ws.replica.data_dir / "trainer-tui").exists()
    assert settings.last_sync_folder(demo_ws) is None


async def test_the_worker_keeps_the_screen_responsive(
    demo_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "slow"
    folder.mkdir()
    release = threading.Event()
    real_sync = syncing.sync

    def slow_sync(ws: Workspace, target: Path, progress: Any = None) -> syncing.SyncOutcome:
        progress(1, 4)
        assert release.wait(10)
        return real_sync(ws, target, progress)

    monkeypatch.setattr(syncing, "sync", slow_sync)
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        screen.query_one("#sync-folder", Input).value = str(folder)
        await pilot.press("enter")
        await pilot.pause(0.1)
        # The sync is blocked in its thread, yet the screen answers keys.
        assert screen.busy and screen.phase == "running"
        bar = screen.query_one("#sync-progress", ProgressBar)
        assert bar.display and bar.total == 4 and bar.progress == 1
        assert screen.query_one("#sync-folder", Input).disabled
        await pilot.press("escape")  # refused while the data are being merged
        await pilot.pause()
        assert app.screen is screen
        hits = await _hits(TrainerCommands(screen), "synchro")
        assert hits == []  # nor does the palette open anything meanwhile
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.phase == "report" and not screen.busy
        assert bar.progress == bar.total
        assert screen.query_one("#sync-report").region.bottom <= 23  # above the footer
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_likely_folders_lists_existing_places_only(tmp_path: Path) -> None:
    (tmp_path / "Nextcloud").mkdir()
    (tmp_path / "Dropbox").write_text("not a folder")
    found = likely_folders(home=tmp_path, user="nobody-here")
    assert tmp_path / "Nextcloud" in found
    assert tmp_path / "Dropbox" not in found


# -- the command palette ---------------------------------------------------------------------


async def _hits(provider: TrainerCommands, query: str) -> list[Hit]:
    return [hit async for hit in provider.search(query) if isinstance(hit, Hit)]


@pytest.fixture
def trainee_screen(monkeypatch: pytest.MonkeyPatch) -> type:
    """The trainee screen, or a stand-in while that screen is being written."""
    try:
        return importlib.import_module("trainer_tui.ui.screens.trainee").TraineeScreen
    except ImportError:
        module = types.ModuleType("trainer_tui.ui.screens.trainee")

        class TraineeScreen(TrainerScreen):
            def __init__(self, cohort: Cohort, trainee_id: str) -> None:
                super().__init__()
                self.cohort, self.trainee_id = cohort, trainee_id

        module.TraineeScreen = TraineeScreen  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
        return TraineeScreen


async def test_palette_goes_to_a_trainee(demo_ws: Workspace, trainee_screen: type) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[3]
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press(*trainee.code)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        if CommandPalette.is_open(app):  # the first Enter highlighted the best hit
            await pilot.press("enter")
            await pilot.pause(0.3)
        assert isinstance(app.screen, trainee_screen)
        assert app.screen.trainee_id == trainee.id


async def test_palette_hits_ignore_accents_and_follow_the_language(demo_ws: Workspace) -> None:
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = TrainerCommands(app.screen)
        discovered = [hit.text async for hit in provider.discover()]
        assert discovered == [
            "Nouvelle séance",
            "Noter (nouvelle séance)",
            "Synchroniser",
            "Catalogue",
            "Stagiaires de la cohorte",
            "Documents : émargement, paie, certificats",
            "Changer de cohorte",
        ]
        best = max(await _hits(provider, "seance"), key=lambda hit: hit.score)
        assert best.text == "Nouvelle séance"
        trainee = demo_ws.cohort_records(demo_ws.cohorts()[0]).trainees[0]
        texts = [hit.text for hit in await _hits(provider, trainee.last_name[:5])]
        assert any(trainee.code in (text or "") for text in texts)
        set_language("en")
        english = TrainerCommands(app.screen)
        assert "Sync" in [hit.text async for hit in english.discover()]
        hits = await _hits(english, "go to")
        assert hits and all((hit.text or "").startswith("Go to a trainee") for hit in hits[:3])


async def test_palette_opens_the_sync_screen(demo_ws: Workspace) -> None:
    app = PaletteApp(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"synchro")
        await pilot.pause(0.3)
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SyncScreen)
        hits = await _hits(TrainerCommands(app.screen), "synchro")
        assert "Synchroniser" not in [hit.text for hit in hits]  # not twice


def test_fold_keeps_positions() -> None:
    assert fold("Séance Élevé") == "seance eleve"
    assert len(fold("Œil ß")) == len("Œil ß")


def test_help_explains_sync_by_copy() -> None:
    assert "Rien n'est jamais effacé" in t("help.sync")
