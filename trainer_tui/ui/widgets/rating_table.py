"""The trainees-by-skills table of the rating grid: its cells, its cursor, in-place updates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from trainer_tui.domain.catalogue import Skill
from trainer_tui.domain.people import Trainee
from trainer_tui.domain.records import Assessment
from trainer_tui.services.session_flow import Step

#: Colour of each level of the 0-4 scale (higher levels of another scale use the last one).
LEVEL_STYLES = ("dim", "bold red", "bold yellow", "bold green", "bold bright_green")
#: What an empty cell and a cell that cannot be rated show.
EMPTY, BLOCKED = "·", "—"


def level_cell(assessment: Assessment | None, session_id: str, rateable: bool = True) -> Text:
    """One cell: the current level, bright when rated in this session, with markers.

    ``m`` marks a measured value and ``*`` a note of this session; levels from earlier sessions
    are dimmed so that the trainer sees at a glance what is still to rate today.
    """
    if not rateable:
        return Text(BLOCKED, style="dim", justify="center")
    if assessment is None:
        return Text(EMPTY, style="dim", justify="center")
    style = LEVEL_STYLES[min(assessment.level, len(LEVEL_STYLES) - 1)]
    today = assessment.session_id == session_id
    text = Text(str(assessment.level), style=style if today else "dim", justify="center")
    if today and assessment.measured_value is not None:
        text.append("m", style="cyan")
    if today and assessment.note:
        text.append("*", style="magenta")
    return text


class RatingTable(DataTable[Text]):
    """Trainees (rows) by skills (columns), holding each cell's current assessment.

    Loaded once; afterwards only the cells a write changed are redrawn, so that a level typed
    shows at once whatever the size of the history. Moves with arrows and with h, j, k, l.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "cursor_left", "ui.session.key.left", show=False),
        Binding("j", "cursor_down", "ui.session.key.down", show=False),
        Binding("k", "cursor_up", "ui.session.key.up", show=False),
        Binding("l", "cursor_right", "ui.session.key.right", show=False),
    ]

    def __init__(self, session_id: str, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.session_id = session_id
        self.trainees: list[Trainee] = []
        self.skills: list[Skill] = []
        self.rateable: set[str] = set()
        self.cells: dict[tuple[str, str], Assessment] = {}

    def load(
        self,
        rows: list[Trainee],
        rateable: set[str],
        skills: list[Skill],
        cells: dict[tuple[str, str], Assessment],
        labels: Mapping[str, Text],
    ) -> None:
        """Fill the table: ``rows`` in display order, ``labels`` by trainee id."""
        self.trainees, self.rateable, self.skills, self.cells = rows, rateable, skills, cells
        for skill in skills:
            self.add_column(skill.id, key=skill.id, width=max(len(skill.id), 5))
        for trainee in rows:
            cells_ = [self._cell(trainee.id, skill.id) for skill in skills]
            self.add_row(*cells_, key=trainee.id, label=labels[trainee.id])

    def _cell(self, trainee_id: str, skill_id: str) -> Text:
        current = self.cells.get((trainee_id, skill_id))
        return level_cell(current, self.session_id, trainee_id in self.rateable)

    def target(self) -> tuple[Trainee, Skill] | None:
        """The trainee and skill under the cursor."""
        if not self.trainees or not self.skills:
            return None
        cursor = self.cursor_coordinate
        return self.trainees[min(cursor.row, len(self.trainees) - 1)], self.skills[cursor.column]

    def current(self, trainee_id: str, skill_id: str) -> Assessment | None:
        """The assessment that sets the cell's level."""
        return self.cells.get((trainee_id, skill_id))

    def in_room(self) -> list[Trainee]:
        """The trainees that can be rated, in display order."""
        return [trainee for trainee in self.trainees if trainee.id in self.rateable]

    def show(self, assessments: Iterable[Assessment]) -> None:
        """New current assessments: redraw just their cells."""
        for assessment in assessments:
            key = (assessment.trainee_id, assessment.skill_id)
            self.cells[key] = assessment
            self._redraw(*key)

    def restore(self, step: Step) -> None:
        """An undone step: put back the assessments it had replaced."""
        for rating, before in zip(step.ratings, step.before, strict=True):
            trainee_id, skill_id = rating[0].id, rating[1]
            if before is None:
                self.cells.pop((trainee_id, skill_id), None)
            else:
                self.cells[(trainee_id, skill_id)] = before
            self._redraw(trainee_id, skill_id)

    def _redraw(self, trainee_id: str, skill_id: str) -> None:
        """Put the cell's new content in place and repaint that cell alone.

        ``DataTable.update_cell`` repaints the whole table, every row rendered again: several
        times the cost of one row, on each keystroke. Same steps (the pinned Textual 8.2 keeps
        cells in ``_data`` and keys its render caches on ``_update_count``), narrower repaint.
        """
        row_key, column_key = RowKey(trainee_id), ColumnKey(skill_id)
        self._data[row_key][column_key] = self._cell(trainee_id, skill_id)
        self._update_count += 1
        row, column = self.get_row_index(row_key), self.get_column_index(column_key)
        self.refresh_coordinate(Coordinate(row, column))

    def move_on(self, direction: str) -> None:
        """After a digit: to the next trainee in the room (``down``) or skill (``right``)."""
        row, column = self.cursor_coordinate
        if direction == "down":
            if row + 1 < len(self.trainees) and self.trainees[row + 1].id in self.rateable:
                self.cursor_coordinate = Coordinate(row + 1, column)
        elif direction == "right" and column + 1 < len(self.skills):
            self.cursor_coordinate = Coordinate(row, column + 1)
