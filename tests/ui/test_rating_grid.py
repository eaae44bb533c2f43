"""The rating grid of a practical session driven with Pilot; what gets STORED.

Levels typed or cycled, measured values in and out of the spec, undo and redo, notes and
clicks, absent rows, the latency of one keystroke, and a full disk.
"""

from __future__ import annotations

import time
from statistics import median

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.widgets.rating_table import RatingTable

from .session_helpers import (
    cell_text,
    current,
    make_session,
    one_absent,
    open_grid,
    session_assessments,
    text_of,
)

# -- the rating grid ----------------------------------------------------------------------------


async def test_one_skill_for_twelve_present_trainees_in_at_most_15_keys(
    demo_app: TrainerApp,
) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    absent_id = one_absent(ws, session)
    keys: list[str] = []
    async with demo_app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(demo_app, pilot, session)
        assert len(grid.table.in_room()) == 12

        async def press(*pressed: str) -> None:
            keys.extend(pressed)
            await pilot.press(*pressed)

        # Rate the second skill (SPL-02): move right, column key, level.
        await press("l", "c", "3")
        await pilot.pause()
        assert "12" in text_of(demo_app, "#grid-status")
    assert len(keys) <= 15
    rated = session_assessments(ws, cohort, session)
    assert len(rated) == 12
    assert {(a.skill_id, a.level) for a in rated} == {("SPL-02", 3)}
    assert absent_id not in {a.trainee_id for a in rated}
    print(f"\nkeystrokes to rate one skill for 12 present trainees: {len(keys)} {keys}")


async def test_digit_sets_the_level_and_space_cycles(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    one_absent(ws, session)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(demo_app, pilot, session)
        first = grid.table.in_room()[0]
        await pilot.press("2")
        await pilot.pause()
        assert cell_text(grid, 0, 0) == "2"
        assert grid.table.cursor_coordinate == (1, 0)  # moved on to the next trainee
        stored = current(ws, cohort, first.id, "SPL-04")
        assert stored is not None and (stored.level, stored.session_id) == (2, session.id)
        await pilot.press("k", "space")
        await pilot.pause()
        assert cell_text(grid, 0, 0) == "3"
        stored = current(ws, cohort, first.id, "SPL-04")
        assert stored is not None and stored.level == 3
        await pilot.press("space", "space")  # 4, then back to 0
        await pilot.pause()
        assert cell_text(grid, 0, 0) == "0"
        assert "Enregistré" in text_of(demo_app, "#grid-status")
    assert [a.level for a in session_assessments(ws, cohort, session)] == [2, 3, 4, 0]
    stored = current(ws, cohort, first.id, "SPL-04")
    assert stored is not None and stored.level == 0


async def test_measured_value_outside_the_spec_suggests_a_lower_level(
    demo_app: TrainerApp,
) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_grid(demo_app, pilot, session)
        # SPL-04: splice loss at most 0.1 dB for levels 3-4; 0,25 dB is a real, failed splice.
        await pilot.press("m", "0", "comma", "2", "5")
        await pilot.pause()
        hint = str(demo_app.screen.query_one("#prompt-hint", Static).render())
        assert "Hors de la plage acceptable" in hint and "niveau suggéré 2" in hint
        await pilot.press("enter")
        await pilot.pause()
        assert "mesure 0,25" in text_of(demo_app, "#grid-status")
        # The next trainee measures inside the spec: level 3 suggested and stored.
        await pilot.press("j", "v", "0", "comma", "0", "4", "enter")
        await pilot.pause()
    rated = session_assessments(ws, cohort, session)
    assert [(a.level, a.measured_value) for a in rated] == [(2, 0.25), (3, 0.04)]


async def test_impossible_value_is_refused_and_nothing_is_stored(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_grid(demo_app, pilot, session)
        await pilot.press("m", "5", "0")  # 50 dB: no splicer shows that
        await pilot.pause()
        assert "hors de la plage possible" in str(
            demo_app.screen.query_one("#prompt-hint", Static).render()
        )
        await pilot.press("enter")
        await pilot.pause()
        assert "hors de la plage possible" in text_of(demo_app, "#grid-status")
        assert demo_app.screen.query_one("#grid-status").has_class("-error")
        # SPL-02 takes no measured value: said at once, nothing asked.
        await pilot.press("escape", "l", "m")
        await pilot.pause()
        assert "ne prend pas de valeur mesurée" in text_of(demo_app, "#grid-status")
    assert session_assessments(ws, cohort, session) == []


async def test_undo_voids_the_rating_and_redo_restores_it(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(demo_app, pilot, session)
        first = grid.table.in_room()[0]
        previous = current(ws, cohort, first.id, "SPL-04")
        assert previous is not None  # the demo trainee was rated on SPL-04 earlier
        await pilot.press("4")
        await pilot.pause()
        made = session_assessments(ws, cohort, session)
        assert [a.level for a in made] == [4]
        await pilot.press("u")
        await pilot.pause()
        assert session_assessments(ws, cohort, session) == []
        assert current(ws, cohort, first.id, "SPL-04") == previous
        assert cell_text(grid, 0, 0) == str(previous.level)
        assert "Annulé" in text_of(demo_app, "#grid-status")
        await pilot.press("U")
        await pilot.pause()
        assert cell_text(grid, 0, 0) == "4"
        redone = session_assessments(ws, cohort, session)
        assert [a.level for a in redone] == [4] and redone[0].id != made[0].id
        # A whole column is undone in one step too, then redone with ctrl+r.
        await pilot.press("c", "1", "u")
        await pilot.pause()
        assert [a.level for a in session_assessments(ws, cohort, session)] == [4]
        await pilot.press("ctrl+r")
        await pilot.pause()
    levels = [a.level for a in session_assessments(ws, cohort, session)]
    assert levels.count(1) == 13 and levels.count(4) == 1


async def test_note_and_click_and_absent_rows(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    absent_id = one_absent(ws, session)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(demo_app, pilot, session)
        table = grid.table
        assert table.trainees[-1].id == absent_id  # absent rows last, not rateable
        table.move_cursor(row=len(table.trainees) - 1, column=0)
        await pilot.press("3")
        await pilot.pause()
        assert "pas d'évaluation possible" in text_of(demo_app, "#grid-status")
        # A click on the second skill of the third row selects that cell.
        x = table._row_label_column_width + table.ordered_columns[0].get_render_width(table) + 2
        await pilot.click(RatingTable, offset=(x, 3))
        await pilot.pause()
        assert table.cursor_coordinate == (2, 1)
        assert "SPL-02" in text_of(demo_app, "#cell-info")
        await pilot.press("n", *"reprendre", "space", *"le", "space", *"geste", "enter")
        await pilot.pause()
    rated = session_assessments(ws, cohort, session)
    assert [(a.trainee_id, a.skill_id, a.note) for a in rated] == [
        (table.trainees[2].id, "SPL-02", "reprendre le geste")
    ]


async def test_one_keystroke_latency(demo_app: TrainerApp) -> None:
    """Measured, not asserted (timed tests are flaky on shared machines): see the report.

    From the key sent to the grid's repaint of the cell (a spy on ``render_lines`` notes when
    the table last painted), the rating being durably stored in between; ``pilot.press`` also
    waits for the app to be idle, which adds Pilot's own overhead (shown for comparison).
    """
    ws = demo_app.workspace
    cohort = ws.cohorts()[0]
    session = make_session(ws)
    painted, typed, pressed = [], [], []
    async with demo_app.run_test(size=(80, 24)) as pilot:
        grid = await open_grid(demo_app, pilot, session)
        grid.advance = "none"
        render_lines = grid.table.render_lines

        def spy(crop: Region) -> list[Strip]:
            lines = render_lines(crop)
            painted.append(time.perf_counter())
            return lines

        grid.table.render_lines = spy  # type: ignore[method-assign]
        for row in range(12):
            grid.table.move_cursor(row=row, column=0)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press(str(row % 5))
            pressed.append(time.perf_counter() - started)
            assert painted[-1] > started  # the table did repaint after the key
            typed.append(painted[-1] - started)
            assert cell_text(grid, row, 0) == str(row % 5)
            stored = current(ws, cohort, grid.table.trainees[row].id, "SPL-04")
            assert stored is not None and stored.level == row % 5
    assert len(session_assessments(ws, cohort, session)) == 12
    print(
        f"\nlevel typed -> stored and cell repainted: median {median(typed) * 1000:.1f} ms, "
        f"max {max(typed) * 1000:.1f} ms (pilot.press until idle: median "
        f"{median(pressed) * 1000:.1f} ms)"
    )


async def test_a_full_disk_shows_an_error_and_the_grid_goes_on(
    demo_app: TrainerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = demo_app.workspace
    session = make_session(ws)
    async with demo_app.run_test(size=(100, 30)) as pilot:
        screen = await open_grid(demo_app, pilot, session)
        before = len(ws.cohort_records(ws.cohorts()[0]).assessments)

        def full_disk(*_args: object, **_kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("trainer_tui.storage.tiny.write_atomic", full_disk)
        await pilot.press("3")
        await pilot.pause()
        assert demo_app.screen is screen
        assert "enregistrement impossible" in " ".join(
            str(w.render()) for w in screen.query("Static")
        )
        monkeypatch.undo()
        await pilot.press("2")
        await pilot.pause()
    assert len(ws.cohort_records(ws.cohorts()[0]).assessments) == before + 1
