"""The rating grid: trainees by skills of a session; every keystroke is saved as it is made."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from trainer_tui.domain.catalogue import Skill
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import Session
from trainer_tui.i18n import describe_violation, t
from trainer_tui.services import session_flow
from trainer_tui.services.parsing import parse_number
from trainer_tui.services.session_flow import Rating, RatingJournal, Step
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.grid_words import GridWords
from trainer_tui.ui.widgets.rating_table import RatingTable
from trainer_tui.ui.widgets.session_widgets import PromptBar, short_name, slot_text
from trainer_tui.ui.widgets.title_bar import TitleBar

#: Where the cursor goes after a digit: down the column (rating one skill), right, or stay.
ADVANCE = ("down", "right", "none")


class RatingGridScreen(TrainerScreen):
    """Trainees (rows; those in the room first) by the session's skills (columns)."""

    HELP_KEY = "help.session_rating_grid"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "level(0)", "ui.session.key.level", key_display="0-4"),
        *(Binding(str(d), f"level({d})", "ui.session.key.level", show=False) for d in range(1, 10)),
        Binding("space", "cycle", "ui.session.key.cycle", show=False),
        Binding("c", "column", "ui.session.key.column"),
        Binding("m", "measure", "ui.session.key.measure"),
        Binding("v", "measure", "ui.session.key.measure", show=False),
        Binding("n", "note", "ui.session.key.note"),
        Binding("u", "undo", "ui.session.key.undo"),
        Binding("ctrl+r", "redo", "ui.session.key.redo"),
        Binding("U", "redo", "ui.session.key.redo", show=False),
        Binding("d", "advance", "ui.session.key.advance", show=False),
        Binding("a", "attendance", "ui.session.key.attendance"),
        Binding("escape", "back", "ui.key.back"),
    ]
    DEFAULT_CSS = """
    #grid-view { height: 1fr; }
    #grid-title { height: 1; padding: 0 1; background: $primary; color: $text; }
    #grid { height: 1fr; }
    #cell-info { height: 6; padding: 0 1; border-top: solid $primary; }
    #grid-status { height: 1; padding: 0 1; color: $success; }
    #grid-status.-error { color: $error; text-style: bold; }
    #grid-status.-hint { color: $warning; }
    """

    def __init__(self, cohort: Cohort, session: Session) -> None:
        super().__init__()
        self.cohort = cohort
        self.session = session
        self.journal: RatingJournal | None = None
        self.advance = ADVANCE[0]
        self._column_pending = False
        self._column_at = 0
        self._prompt_target: tuple[Trainee, Skill] | None = None
        self.words: GridWords | None = None

    def compose(self) -> ComposeResult:
        """Title, the grid, the highlighted skill's panel, a prompt and the saved line."""
        yield TitleBar()
        with Vertical(id="grid-view"):
            yield Static(id="grid-title")
            yield RatingTable(self.session.id, id="grid")
            yield Static(id="cell-info")
            yield PromptBar(id="grid-prompt")
            yield Static(id="grid-status")
        yield KeysFooter()

    @property
    def table(self) -> RatingTable:
        """The grid itself."""
        return self.query_one(RatingTable)

    def on_mount(self) -> None:
        """Load trainees, marks and current levels once; afterwards only written cells change."""
        ws = self.trainer_app.workspace
        data = session_flow.grid_data(ws, self.cohort, self.session)
        self.words = GridWords(ws.catalogue, self.session.id)
        labels = {tr.id: self.words.row_label(tr, data.marks.get(tr.id)) for tr in data.rows}
        self.table.load(data.rows, data.rateable, data.skills, data.cells, labels)
        if data.trainer is not None:
            self.journal = RatingJournal(ws, self.cohort, self.session, data.trainer)
        title = t(
            "ui.session.grid.title",
            slot=slot_text(self.session),
            kind=t(f"session.kind.{self.session.kind.value}"),
            present=len(data.rateable),
            total=len(data.rows),
        )
        self.query_one("#grid-title", Static).update(title)
        self._say(t("ui.session.grid.ready"), hint=True)
        self._show_info()
        self.table.focus()

    # -- what is where -------------------------------------------------------------------------

    @property
    def _words(self) -> GridWords:
        assert self.words is not None  # set on mount
        return self.words

    def _rateable_target(self) -> tuple[Trainee, Skill] | None:
        target = self.table.target()
        if target is not None and target[0].id not in self.table.rateable:
            self._say(t("ui.session.grid.not_rateable", name=target[0].full_name), error=True)
            return None
        return target

    def _say(self, text: str, *, error: bool = False, hint: bool = False) -> None:
        line = self.query_one("#grid-status", Static)
        # Fixed heights: no layout pass on each keystroke, only a repaint of the line.
        line.update(text, layout=False)
        line.set_class(error, "-error")
        line.set_class(hint, "-hint")

    def _show_info(self) -> None:
        target = self.table.target()
        info = self.query_one("#cell-info", Static)
        if target is None:
            info.update(t("ui.session.grid.no_skills"), layout=False)
            return
        trainee, skill = target
        current = self.table.current(trainee.id, skill.id)
        info.update(self._words.info_text(trainee, skill, current), layout=False)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """Follow the cursor (keys or a mouse click) in the panel; a move cancels ``c``."""
        if self._column_pending and event.coordinate.column != self._column_at:
            self._column_pending = False
            self._say("")
        self._show_info()

    # -- storing -------------------------------------------------------------------------------

    def _rate(self, ratings: list[Rating]) -> Step | None:
        """Store ``ratings`` in one durable write, then redraw just their cells (no reload)."""
        if self.journal is None:
            self._say(t("ui.session.grid.no_trainer"), error=True)
            return None
        before = [self.table.current(r[0].id, r[1]) for r in ratings]
        try:
            step = self.journal.rate(ratings, before)
        except RuleViolation as error:
            self._say(describe_violation(error), error=True)
            return None
        self.table.show(step.made)
        self._show_info()
        self._say(self._words.saved_text(step))
        return step

    # -- keys ----------------------------------------------------------------------------------

    def action_level(self, level: int) -> None:
        """A digit: the level of the cell (or of the whole column after ``c``), saved at once."""
        if self._column_pending:
            self._rate_column(level)
            return
        target = self._rateable_target()
        if target is not None and self._rate([(target[0], target[1].id, level, None, "")]):
            self.table.move_on(self.advance)

    def action_cycle(self) -> None:
        """Space: the next level of the scale (after the highest, back to the lowest)."""
        self._column_pending = False
        target = self._rateable_target()
        if target is None:
            return
        trainee, skill = target
        values = self.trainer_app.workspace.catalogue.scale.values
        current = self.table.current(trainee.id, skill.id)
        index = values.index(current.level) if current and current.level in values else 0
        self._rate([(trainee, skill.id, values[(index + 1) % len(values)], None, "")])

    def action_column(self) -> None:
        """``c``: the next digit sets that level for every trainee in the room."""
        target = self.table.target()
        if target is None or not self.table.rateable:
            return
        self._column_pending = True
        self._column_at = self.table.cursor_coordinate.column
        count = len(self.table.rateable)
        self._say(t("ui.session.grid.column_prompt", skill=target[1].id, count=count), hint=True)

    def _rate_column(self, level: int) -> None:
        self._column_pending = False
        target = self.table.target()
        if target is not None:
            skill_id = target[1].id
            self._rate([(tr, skill_id, level, None, "") for tr in self.table.in_room()])

    def action_advance(self) -> None:
        """``d``: where the cursor goes after a digit (down, right, nowhere)."""
        self.advance = ADVANCE[(ADVANCE.index(self.advance) + 1) % len(ADVANCE)]
        mode = t(f"ui.session.grid.advance_{self.advance}")
        self._say(t("ui.session.grid.advance", mode=mode), hint=True)

    def action_undo(self) -> None:
        """``u``: void the last change; the level before it shows again."""
        self._history(undo=True)

    def action_redo(self) -> None:
        """``Ctrl+R`` or ``U``: rate again what the last undo removed."""
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        self._column_pending = False
        if self.journal is None:
            return
        try:
            step = self.journal.undo() if undo else self.journal.redo()
        except RuleViolation as error:
            self._say(describe_violation(error), error=True)
            return
        if step is None:
            self._say(t(f"ui.session.grid.nothing_{'undo' if undo else 'redo'}"), hint=True)
        elif undo:
            self.table.restore(step)
            self._say(self._words.undone_text(step), hint=True)
        else:
            self.table.show(step.made)
            self._say(t("ui.session.grid.redone") + " " + self._words.saved_text(step))
        self._show_info()

    # -- measured value and note ---------------------------------------------------------------

    def action_measure(self) -> None:
        """``m``: type the measured value; the prompt shows the level it suggests."""
        self._column_pending = False
        target = self._rateable_target()
        if target is None:
            return
        trainee, skill = target
        if skill.measurement is None:
            self._say(t("ui.session.grid.no_measurement", skill=skill.id), error=True)
            return
        self._prompt_target = target
        name = short_name(trainee.first_name, trainee.last_name)
        question = t(
            "ui.session.grid.value_question", skill=skill.id, name=name, unit=skill.measurement.unit
        )
        prompt = self.query_one(PromptBar)
        prompt.ask("value", question, restrict=r"[-+]?[0-9]*[.,]?[0-9]*")
        prompt.hint(self._words.spec_text(skill))

    def action_note(self) -> None:
        """``n``: a note on the cell, stored with its current level."""
        self._column_pending = False
        target = self._rateable_target()
        if target is None:
            return
        trainee, skill = target
        self._prompt_target = target
        current = self.table.current(trainee.id, skill.id)
        name = short_name(trainee.first_name, trainee.last_name)
        question = t("ui.session.grid.note_question", skill=skill.id, name=name)
        existing = current.note if current and current.session_id == self.session.id else ""
        self.query_one(PromptBar).ask("note", question, existing)

    def on_prompt_bar_changed(self, event: PromptBar.Changed) -> None:
        """While a value is typed, say which level it suggests (or why it is impossible)."""
        if event.mode == "value" and self._prompt_target is not None:
            text, error = self._words.suggestion_text(self._prompt_target[1], event.value)
            self.query_one(PromptBar).hint(text, error=error)

    def on_prompt_bar_submitted(self, event: PromptBar.Submitted) -> None:
        """Enter in the prompt: store the value at its suggested level, or the note."""
        if isinstance(event, PromptBar.Changed) or self._prompt_target is None:
            return
        trainee, skill = self._prompt_target
        prompt = self.query_one(PromptBar)
        catalogue = self.trainer_app.workspace.catalogue
        try:
            if event.mode == "value":
                value = parse_number(event.value, "measured_value")
                rating = session_flow.measured_rating(catalogue, trainee, skill, value)
            else:
                current = self.table.current(trainee.id, skill.id)
                rating = session_flow.note_rating(
                    catalogue, self.session, trainee, skill.id, current, event.value
                )
        except RuleViolation as error:
            prompt.hint(describe_violation(error), error=True)
            return
        if self._rate([rating]) is None:
            # The status line says why (e.g. an impossible value); keep the prompt to fix it.
            prompt.hint(str(self.query_one("#grid-status", Static).render()), error=True)
            return
        self._close_prompt()

    def _close_prompt(self) -> None:
        self._prompt_target = None
        self.query_one(PromptBar).close()
        self.table.focus()

    # -- leaving -------------------------------------------------------------------------------

    def action_attendance(self) -> None:
        """``a``: reopen this session's attendance (validating it comes back here)."""
        from trainer_tui.ui.screens.attendance import AttendanceScreen

        self.app.switch_screen(AttendanceScreen(self.cohort, self.session))

    def action_back(self) -> None:
        """Escape: close the prompt, cancel a column key, else back to the dashboard."""
        if self.query_one(PromptBar).is_open:
            self._close_prompt()
        elif self._column_pending:
            self._column_pending = False
            self._say(t("ui.session.grid.column_cancelled"), hint=True)
        else:
            self.app.pop_screen()
