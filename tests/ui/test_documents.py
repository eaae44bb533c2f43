"""Documents, settings and driving lessons from the TUI: what gets written and stored."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from tests.workspaces import NOW
from trainer_tui.domain.records import DrivingLesson
from trainer_tui.services import preferences
from trainer_tui.services.records import DRIVING
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.documents import DOCUMENTS, DocumentsScreen
from trainer_tui.ui.screens.driving_form import DrivingLessonDialog
from trainer_tui.ui.screens.settings_form import SettingsForm
from trainer_tui.ui.screens.trainee import TraineeScreen


def status_of(app: TrainerApp) -> str:
    return str(app.screen.query_one("#documents-status").render())


async def open_documents(app: TrainerApp, pilot: Pilot[object], folder: Path) -> None:
    preferences.set_documents_folder(app.workspace, folder)
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DocumentsScreen)


async def make(app: TrainerApp, pilot: Pilot[object], kind: str) -> None:
    documents = app.screen.query_one("#documents-list")
    documents.focus()
    documents.highlighted = DOCUMENTS.index(kind)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_documents_are_written_to_the_chosen_folder(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_documents(demo_app, pilot, tmp_path / "docs")
        assert str(tmp_path / "docs") in str(
            demo_app.screen.query_one("#documents-folder").render()
        )
        day = demo_app.screen.query_one("#documents-day", Input)
        day.value = "25/11/2026"
        await make(demo_app, pilot, "sheet")
        assert "Écrit" in status_of(demo_app)
        await make(demo_app, pilot, "payroll")
        await make(demo_app, pilot, "week")
        await make(demo_app, pilot, "progress")
    written = sorted(p.name for p in (tmp_path / "docs").iterdir())
    assert any(name.startswith("emargement-promo") and "2026-11-25" in name for name in written)
    assert any(name.startswith("emargement-semaine") for name in written)
    assert any(name.startswith("fiches-progression") for name in written)
    payroll = next((tmp_path / "docs").glob("heures-paie-*.csv")).read_bytes()
    rows = list(csv.reader(io.StringIO(payroll.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Code" and len(rows) > 14


async def test_a_refused_document_says_why_and_writes_nothing(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    preferences.set_paperwork(demo_app.workspace, "signatory", "")
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_documents(demo_app, pilot, tmp_path / "docs")
        await make(demo_app, pilot, "certificate")
        assert "signataire" in status_of(demo_app)
        demo_app.screen.query_one("#documents-day", Input).value = "31/02/2026"
        await make(demo_app, pilot, "sheet")
        assert "date invalide" in status_of(demo_app)
        assert demo_app.screen.focused is demo_app.screen.query_one("#documents-day")
    assert not (tmp_path / "docs").exists() or list((tmp_path / "docs").iterdir()) == []


async def test_settings_are_saved_together_or_not_at_all(
    demo_app: TrainerApp, tmp_path: Path
) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_documents(demo_app, pilot, tmp_path)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(demo_app.screen, SettingsForm)
        # The whole dialog fits 80x24, buttons included.
        assert demo_app.screen.query_one("#save").region.bottom <= 24
        demo_app.screen.query_one("#signatory", Input).value = "Awa Traoré, directrice"
        demo_app.screen.query_one("#absence_threshold", Input).value = "150"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(demo_app.screen, SettingsForm)
        assert demo_app.screen.focused is demo_app.screen.query_one("#absence_threshold")
        assert preferences.paperwork(ws).signatory == "Claire Martin, directrice"
        await pilot.press(*"15", "enter")  # the faulty value is selected: typing replaces it
        await pilot.pause()
        assert isinstance(demo_app.screen, DocumentsScreen)
    assert preferences.paperwork(ws).signatory == "Awa Traoré, directrice"
    assert preferences.absence_threshold(ws) == 0.15


def lessons_of(ws: Workspace, trainee_id: str) -> list[DrivingLesson]:
    cohort = ws.cohorts()[0]
    return [d for d in ws.records(cohort.id, DRIVING, DrivingLesson) if d.trainee_id == trainee_id]


async def test_a_driving_lesson_logged_from_the_trainee_file_is_stored(
    demo_app: TrainerApp,
) -> None:
    ws = demo_app.workspace
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, TraineeScreen)
        trainee = demo_app.screen.trainee
        before = lessons_of(ws, trainee.id)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(demo_app.screen, DrivingLessonDialog)
        assert demo_app.screen.query_one("#save").region.bottom <= 24
        await pilot.press(*"07:00", "tab", *"5", "tab", *"M. Diallo", "enter")
        await pilot.pause()
        # 5 minutes is too short: one line, the cursor on the duration, nothing stored.
        assert demo_app.screen.focused is demo_app.screen.query_one("#minutes")
        assert lessons_of(ws, trainee.id) == before
        demo_app.screen.query_one("#minutes", Input).value = "90"
        competencies = demo_app.screen.query_one("#competencies", SelectionList)
        competencies.select(competencies.get_option_at_index(0).value)
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(demo_app.screen, TraineeScreen)
        assert str(demo_app.screen.query_one("#tabs").active) == "driving"
    (new,) = [d for d in lessons_of(ws, trainee.id) if d not in before]
    assert (new.date, new.minutes, new.instructor) == (NOW.date(), 90, "M. Diallo")
    assert new.competencies and new.competencies[0].startswith("CND-")
