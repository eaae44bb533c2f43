"""The erasure from the trainee file: nothing happens until the code is typed, then it is gone."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.test_trainee import open_file, stored_trainee, text_of
from trainer_tui.services.erasure import anonymous_code
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.erase_dialog import EraseDialog
from trainer_tui.ui.screens.trainee import TraineeScreen
from trainer_tui.ui.widgets.form import FormError


def _files_holding(app: TrainerApp, text: str) -> list[str]:
    data = app.workspace.replica.data_dir
    return [str(p) for p in data.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


async def test_ctrl_e_erases_only_once_the_code_is_typed(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(100, 30)) as pilot:
        screen = await open_file(demo_app, pilot, row=2)
        trainee = stored_trainee(ws, screen)
        assert _files_holding(demo_app, trainee.last_name)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, EraseDialog)
        await pilot.press("enter")  # nothing typed: refused, nothing erased
        await pilot.pause()
        assert trainee.code in str(dialog.query_one(FormError).render())
        assert stored_trainee(ws, screen).last_name == trainee.last_name
        dialog.query_one("#confirm", Input).value = trainee.code.lower()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, TraineeScreen)
        erased = stored_trainee(ws, screen)
        assert (erased.first_name, erased.last_name) == ("Stagiaire", "Anonyme")
        assert erased.code == anonymous_code(trainee.id) and erased.erased_on is not None
        assert _files_holding(demo_app, trainee.last_name) == []
        assert "Stagiaire ANONYME" in text_of(screen, "#trainee-name")
        assert "identité effacée le 26/11/2026" in text_of(screen, "#trainee-status")
        # Erased: the file offers neither a second erasure nor an edit of the profile.
        await pilot.press("ctrl+e", "e")
        await pilot.pause()
        assert demo_app.screen is screen
