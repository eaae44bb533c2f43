"""Skill records from the TUI: the trainee file's key, the Documents screen, the palette."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Select

from tests.test_skill_records import use_fixed_key
from trainer_tui.services import preferences
from trainer_tui.services.settings import save_setting
from trainer_tui.services.skill_records import FORMATS, check_record_file
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.commands import TrainerCommands
from trainer_tui.ui.screens.documents import DOCUMENTS, DocumentsScreen
from trainer_tui.ui.screens.help import HelpScreen
from trainer_tui.ui.screens.record_dialog import RecordDialog
from trainer_tui.ui.screens.trainee import TraineeScreen


async def open_trainee(app: TrainerApp, pilot: Pilot[object], docs: Path) -> TraineeScreen:
    use_fixed_key(app.workspace)
    preferences.set_documents_folder(app.workspace, docs)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TraineeScreen)
    return app.screen


async def choose(app: TrainerApp, pilot: Pilot[object], kind: str) -> None:
    assert isinstance(app.screen, RecordDialog)
    formats = app.screen.query_one("#record-formats", OptionList)
    assert app.screen.focused is formats
    formats.highlighted = FORMATS.index(kind)
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def notices(app: TrainerApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_x_in_the_trainee_file_writes_the_signed_record(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_trainee(demo_app, pilot, docs)
        trainee = screen.trainee
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(demo_app.screen, RecordDialog)
        # The whole dialog fits 80x24: the four formats are on screen.
        assert demo_app.screen.query_one("#record-formats").region.bottom <= 24
        await choose(demo_app, pilot, "json")
        assert isinstance(demo_app.screen, TraineeScreen)
        (path,) = docs.iterdir()
        assert path.name == f"competences-promo-octobre-2026-{trainee.code}-2026-11-26.json"
        assert any(str(path) in text for text in notices(demo_app))
        check = check_record_file(demo_app.workspace, path.read_bytes())
        assert check.authentic and check.trainees == ((trainee.code, trainee.full_name),)
        document = json.loads(path.read_bytes())
        (record,) = document["records"]
        assert record["training_minutes"] == screen.file.training.done_minutes  # type: ignore[union-attr]
        levels = {
            skill["id"]: skill["level"] for block in record["blocks"] for skill in block["skills"]
        }
        for line in screen.file.skills:  # type: ignore[union-attr]
            if line.current is not None and not line.skill.retired:
                assert levels[line.skill.id] == line.current.level


async def test_escape_in_the_format_dialog_writes_nothing(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_trainee(demo_app, pilot, docs)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, TraineeScreen)
        await demo_app.workers.wait_for_complete()
    assert not docs.exists()


async def test_a_refused_record_is_one_notification(demo_app: TrainerApp, tmp_path: Path) -> None:
    save_setting(demo_app.workspace, preferences.PAPERWORK, {})  # organisation never set
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_trainee(demo_app, pilot, tmp_path / "docs")
        await pilot.press("x")
        await pilot.pause()
        await choose(demo_app, pilot, "pdf")
        assert any("organisme" in text for text in notices(demo_app))
    assert not (tmp_path / "docs").exists()


async def test_the_documents_screen_writes_the_cohorts_records(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    use_fixed_key(demo_app.workspace)
    preferences.set_documents_folder(demo_app.workspace, docs)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(demo_app.screen, DocumentsScreen)
        documents = demo_app.screen.query_one("#documents-list", OptionList)
        documents.highlighted = DOCUMENTS.index("record")
        await pilot.press("enter")
        await pilot.pause()
        await choose(demo_app, pilot, "csv")
        assert isinstance(demo_app.screen, DocumentsScreen)
        assert "Écrit" in str(demo_app.screen.query_one("#documents-status").render())
        # One trainee chosen: the PDF of that trainee only.
        trainees = demo_app.workspace.cohort_records(demo_app.screen.cohort).trainees
        demo_app.screen.query_one("#documents-trainee", Select).value = trainees[2].id
        documents.focus()
        documents.highlighted = DOCUMENTS.index("record")
        await pilot.press("enter")
        await pilot.pause()
        await choose(demo_app, pilot, "pdf")
    (table,) = docs.glob("*.csv")
    rows = list(csv.reader(io.StringIO(table.read_text("utf-8-sig")), delimiter=";"))
    assert len({row[0] for row in rows[1:-1]}) == len(trainees)
    (pdf,) = docs.glob("*.pdf")
    assert trainees[2].code in pdf.name
    check = check_record_file(demo_app.workspace, pdf.read_bytes())
    assert check.authentic and check.kind == "pdf"


async def test_the_palette_and_the_help_offer_the_record(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        screen = await open_trainee(demo_app, pilot, tmp_path / "docs")
        texts = [command.text for command in TrainerCommands(screen).commands()]
        assert "Dossier de compétences du stagiaire" in texts
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(demo_app.screen, HelpScreen)
        assert ("x", "Dossier de compétences") in demo_app.screen.keys
