"""The catalogue browser and the roster (enrol, edit, import), driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, Tree

from trainer_tui.domain.catalogue import Skill
from trainer_tui.i18n import set_language
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.catalogue import CatalogueScreen
from trainer_tui.ui.screens.dashboard import DashboardScreen
from trainer_tui.ui.screens.roster import RosterScreen, TraineeForm
from trainer_tui.ui.screens.roster_forms import ImportFileForm, ImportPreview

DATA = Path(__file__).parent.parent / "data" / "roster"


def shown_skills(app: TrainerApp) -> list[str]:
    """The ids of the skills in the catalogue tree."""
    tree = app.screen.query_one("#catalogue-tree", Tree)
    return [
        leaf.data.id
        for block in tree.root.children
        for leaf in block.children
        if isinstance(leaf.data, Skill)
    ]


def text_of(app: TrainerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_catalogue(app: TrainerApp, pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CatalogueScreen)


async def test_filter_narrows_the_catalogue_as_you_type(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_catalogue(demo_app, pilot)
        everything = shown_skills(demo_app)
        assert len(everything) == len(demo_app.workspace.catalogue.skills)
        await pilot.press(*"soudure")
        await pilot.pause()
        found = shown_skills(demo_app)
        assert "SPL-04" in found and len(found) < len(everything)
        assert all(s.startswith(("SPL", "MES", "RAC", "CON")) for s in found), found
        # The first match is highlighted and described: criterion, measure, scale.
        details = text_of(demo_app, "#skill-info")
        assert "Critère" in details and "Échelle" in details
        demo_app.screen.query_one("#catalogue-filter", Input).value = "SPL-04"
        await pilot.pause()
        assert shown_skills(demo_app) == ["SPL-04"]
        details = text_of(demo_app, "#skill-info")
        assert "Réaliser une soudure par fusion" in details
        assert "0,1 dB" in details and "3 Acquis, 4 Maîtrisé" in details
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)


async def test_filter_ignores_accents_and_case(demo_app: TrainerApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_catalogue(demo_app, pilot)
        await pilot.press(*"EPISSURE")
        await pilot.pause()
        plain = shown_skills(demo_app)
        demo_app.screen.query_one("#catalogue-filter", Input).value = "épissure"
        await pilot.pause()
        assert plain and shown_skills(demo_app) == plain
        assert "SPL-05" in plain  # « Protéger l'épissure »
        demo_app.screen.query_one("#catalogue-filter", Input).value = "zzzz"
        await pilot.pause()
        assert shown_skills(demo_app) == []
        assert "zzzz" in text_of(demo_app, "#catalogue-count")


async def test_catalogue_in_english_with_keyboard_navigation(demo_ws: Workspace) -> None:
    from trainer_tui.ui.app import create_app

    set_language("en")
    app = create_app(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_catalogue(app, pilot)
        await pilot.press(*"spl-04 fusion", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Tree)
        assert "Make a fusion splice" in text_of(app, "#skill-info")
        await pilot.press("up")  # onto the block: its kind and the rating scale
        await pilot.pause()
        assert "Mastered" in text_of(app, "#skill-info")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("f1")
        await pilot.pause()
        assert getattr(app.screen, "help_key", "") == "help.catalogue"


async def open_roster(app: TrainerApp, pilot: Pilot[object]) -> RosterScreen:
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, RosterScreen)
    return app.screen


def trainees_of(ws: Workspace) -> list[tuple[str, str, str | None, str | None]]:
    cohort = ws.cohorts()[0]
    return [
        (t.last_name, t.first_name, t.email, t.phone) for t in ws.cohort_records(cohort).trainees
    ]


async def test_enrol_through_the_form_stores_the_trainee(
    demo_app: TrainerApp, demo_ws: Workspace
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_roster(demo_app, pilot)
        before = screen.query_one("#roster-table", DataTable).row_count
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(demo_app.screen, TraineeForm)
        # The whole form, buttons included, fits a 80x24 terminal.
        assert demo_app.screen.query_one("#save").region.bottom <= 24
        await pilot.press(*"Élodie", "tab", *"Zabé", "tab", "tab", *"elodie@", "enter")
        await pilot.pause()
        # A bad email: one clear line, the form stays open, nothing stored.
        assert "e-mail" in str(demo_app.screen.query_one("FormError").render())
        assert ("Zabé", "Élodie", "elodie@", None) not in trainees_of(demo_ws)
        # The cursor is back in the faulty field, its text selected: typing replaces it.
        assert demo_app.screen.focused is demo_app.screen.query_one("#email")
        await pilot.press(*"elodie@example.fr", "tab", *"06 11 22 33 44", "enter")
        await pilot.pause()
        assert demo_app.screen is screen
        assert screen.query_one("#roster-table", DataTable).row_count == before + 1
        assert any("Enregistré" in n.message for n in demo_app._notifications)
    assert ("Zabé", "Élodie", "elodie@example.fr", "06 11 22 33 44") in trainees_of(demo_ws)


async def test_edit_the_highlighted_trainee_stores_the_change(
    demo_app: TrainerApp, demo_ws: Workspace
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_roster(demo_app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, TraineeForm) and form.trainee == screen.trainees[1]
        edited = form.trainee
        form.query_one("#phone", Input).value = "07 00 00 00 01"
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.screen is screen
    cohort = demo_ws.cohorts()[0]
    stored = {t.id: t for t in demo_ws.cohort_records(cohort).trainees}
    assert stored[edited.id].phone == "07 00 00 00 01"
    assert stored[edited.id].last_name == edited.last_name


async def import_file(app: TrainerApp, pilot: Pilot[object], path: Path) -> ImportPreview:
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ImportFileForm)
    app.screen.query_one("#roster-path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ImportPreview), app.screen
    return app.screen


async def test_import_a_good_csv_stores_every_trainee(
    demo_app: TrainerApp, demo_ws: Workspace
) -> None:
    count = len(trainees_of(demo_ws))
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_roster(demo_app, pilot)
        preview = await import_file(demo_app, pilot, DATA / "good_fr_excel.csv")
        assert preview.query_one("#preview-rows", DataTable).row_count == 4
        await pilot.press("enter")  # the Import button has the focus
        await pilot.pause()
        assert demo_app.screen is screen
        assert screen.query_one("#roster-table", DataTable).row_count == count + 4
    stored = trainees_of(demo_ws)
    assert len(stored) == count + 4
    assert ("Lefèvre", "François", "francois.lefevre@example.fr", "06 12 34 56 78") in stored
    assert ("Benali", "Yasmine", "yasmine.benali@example.fr", "0612345679") in stored


async def test_import_a_bad_csv_lists_the_lines_and_stores_nothing(
    demo_app: TrainerApp, demo_ws: Workspace
) -> None:
    before = trainees_of(demo_ws)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_roster(demo_app, pilot)
        preview = await import_file(demo_app, pilot, DATA / "bad_rows.csv")
        problems = text_of(demo_app, "#preview-problems")
        assert "Ligne 3 : nom manquant" in problems
        assert "Ligne 5 : e-mail invalide" in problems
        assert "Ligne 6 : Francois Lefevre figure déjà ligne 2" in problems
        assert preview.query_one("#import").disabled
        await pilot.press("enter")  # the focus is on Cancel: nothing happens but closing
        await pilot.pause()
        assert demo_app.screen is screen
    assert trainees_of(demo_ws) == before


async def test_a_file_without_header_is_one_clear_line(
    demo_app: TrainerApp, demo_ws: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text("Durand;Paul\n", encoding="utf-8")
    before = trainees_of(demo_ws)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_roster(demo_app, pilot)
        await pilot.press("i")
        await pilot.pause()
        demo_app.screen.query_one("#roster-path", Input).value = f"'{path}'"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, ImportFileForm)
        error = str(demo_app.screen.query_one("FormError").render())
        assert "aucun en-tête" in error and "\n" not in error.strip()
    assert trainees_of(demo_ws) == before
