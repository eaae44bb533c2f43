"""Take attendance fast: everyone present by default, toggle the exceptions, validate once."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import AttendanceStatus, Session
from trainer_tui.i18n import describe_violation, t
from trainer_tui.services import activity, session_flow
from trainer_tui.services.activity import Mark
from trainer_tui.services.parsing import parse_int
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.session_widgets import PromptBar, slot_text
from trainer_tui.ui.widgets.title_bar import TitleBar

#: How each status looks in the list.
STATUS_STYLES = {
    AttendanceStatus.PRESENT: "green",
    AttendanceStatus.LATE: "yellow",
    AttendanceStatus.EXCUSED: "cyan",
    AttendanceStatus.ABSENT: "bold red",
}


class AttendanceScreen(TrainerScreen):
    """The trainees expected at a session, with their marks; one write records them all."""

    HELP_KEY = "help.session_attendance"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "mark('absent')", "ui.session.key.absent"),
        Binding("x", "mark('excused')", "ui.session.key.excused"),
        Binding("l", "late", "ui.session.key.late"),
        Binding("p", "mark('present')", "ui.session.key.present"),
        Binding("space", "flip", "ui.session.key.toggle", show=False),
        Binding("ctrl+s", "validate", "ui.session.key.validate"),
        Binding("g", "grid", "ui.session.key.grid", show=False),
        Binding("escape", "back", "ui.key.back"),
    ]
    DEFAULT_CSS = """
    #attendance-view { height: 1fr; }
    #att-title { height: auto; padding: 0 1; background: $primary; color: $text; }
    #att-counts { height: 1; padding: 0 1; color: $text-muted; }
    #att-table { height: 1fr; }
    #att-status { height: auto; padding: 0 1; }
    #att-status.-error { color: $error; }
    """

    def __init__(self, cohort: Cohort, session: Session) -> None:
        super().__init__()
        self.cohort = cohort
        self.session = session
        self.trainees: list[Trainee] = []
        self.marks: dict[str, Mark] = {}
        self.reopened = False

    def compose(self) -> ComposeResult:
        """Title, counts, the list, a prompt for late minutes and a status line."""
        yield TitleBar()
        with Vertical(id="attendance-view"):
            yield Static(id="att-title")
            yield Static(id="att-counts")
            yield DataTable(id="att-table", cursor_type="row", zebra_stripes=True)
            yield PromptBar(id="att-prompt")
            yield Static(id="att-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Load the trainees expected that day and any marks already stored."""
        ws = self.trainer_app.workspace
        records = ws.cohort_records(self.cohort)
        self.trainees = session_flow.session_trainees(records, self.session)
        stored = session_flow.marks_of(records, self.session)
        self.reopened = bool(stored)
        for trainee in self.trainees:
            mark = stored.get(trainee.id)
            self.marks[trainee.id] = (
                Mark(trainee, mark.status, mark.late_minutes, mark.left_early_minutes)
                if mark
                else Mark(trainee, AttendanceStatus.PRESENT)
            )
        trainers = {tr.id: tr.name for tr in ws.trainers()}
        kind = t(f"session.kind.{self.session.kind.value}")
        who = trainers.get(self.session.trainer_id, self.session.trainer_id)
        skills = ", ".join(self.session.skill_ids)
        self.query_one("#att-title", Static).update(
            t("ui.session.attendance.title", slot=slot_text(self.session), kind=kind, trainer=who)
            + (f" · {skills}" if skills else "")
        )
        table = self.query_one("#att-table", DataTable)
        table.add_column(t("ui.session.attendance.col.trainee"), key="name")
        table.add_column(t("ui.session.attendance.col.code"), key="code")
        table.add_column(t("ui.session.attendance.col.status"), key="status", width=12)
        table.add_column(t("ui.session.attendance.col.late"), key="late", width=8)
        for trainee in self.trainees:
            name = f"{trainee.last_name.upper()} {trainee.first_name}"
            table.add_row(name, trainee.code, *self._status_cells(trainee.id), key=trainee.id)
        self._show_counts()
        self._status(t("ui.session.attendance.reopened") if self.reopened else "")
        table.focus()

    # -- display ---------------------------------------------------------------------------------

    def _status_cells(self, trainee_id: str) -> tuple[Text, Text]:
        mark = self.marks[trainee_id]
        status = Text(t(f"session.status.{mark.status.value}"), style=STATUS_STYLES[mark.status])
        late = (
            t("ui.session.attendance.minutes", minutes=mark.late_minutes)
            if mark.late_minutes
            else ""
        )
        return status, Text(late)

    def _redraw(self, trainee_id: str) -> None:
        table = self.query_one("#att-table", DataTable)
        status, late = self._status_cells(trainee_id)
        table.update_cell(trainee_id, "status", status)
        table.update_cell(trainee_id, "late", late)
        self._show_counts()

    def _show_counts(self) -> None:
        counts = dict.fromkeys(AttendanceStatus, 0)
        for mark in self.marks.values():
            counts[mark.status] += 1
        self.query_one("#att-counts", Static).update(
            t("ui.session.attendance.counts", **{s.value: n for s, n in counts.items()})
        )

    def _status(self, text: str, *, error: bool = False) -> None:
        line = self.query_one("#att-status", Static)
        line.update(text)
        line.set_class(error, "-error")

    def _current(self) -> Trainee | None:
        if not self.trainees:
            return None
        row = self.query_one("#att-table", DataTable).cursor_row
        return self.trainees[min(max(row, 0), len(self.trainees) - 1)]

    # -- marking ---------------------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        """Mark the highlighted trainee present, absent or excused."""
        trainee = self._current()
        if trainee is not None:
            self.marks[trainee.id] = Mark(trainee, AttendanceStatus(status))
            self._redraw(trainee.id)

    def action_flip(self) -> None:
        """Space: present ↔ absent, the two marks a trainer changes most."""
        trainee = self._current()
        if trainee is not None:
            present = self.marks[trainee.id].status is AttendanceStatus.PRESENT
            self.action_mark("absent" if present else "present")

    def action_late(self) -> None:
        """Ask for the minutes of late arrival of the highlighted trainee."""
        trainee = self._current()
        if trainee is None:
            return
        minutes = self.marks[trainee.id].late_minutes
        self.query_one(PromptBar).ask(
            "late",
            t("ui.session.attendance.late_question", name=trainee.full_name),
            str(minutes) if minutes else "",
            restrict=r"\d{0,3}",
        )

    def on_prompt_bar_submitted(self, event: PromptBar.Submitted) -> None:
        """Minutes typed: check them against the session, keep them on screen."""
        trainee = self._current()
        prompt = self.query_one(PromptBar)
        if trainee is None or isinstance(event, PromptBar.Changed):
            return
        try:
            mark = Mark(trainee, AttendanceStatus.LATE, parse_int(event.value, "late_minutes"))
            session_flow.check_mark(self.session, mark)
        except RuleViolation as error:
            prompt.hint(describe_violation(error), error=True)
            return
        self.marks[trainee.id] = mark
        self._close_prompt()
        self._redraw(trainee.id)

    def _close_prompt(self) -> None:
        self.query_one(PromptBar).close()
        self.query_one("#att-table", DataTable).focus()

    # -- recording -------------------------------------------------------------------------------

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter on the list validates, like Ctrl+S."""
        self.action_validate()

    def action_validate(self) -> None:
        """Record every mark in one durable write, then rate the session's skills."""
        ws = self.trainer_app.workspace
        try:
            activity.mark_attendance(ws, self.cohort, self.session, self.marks.values())
        except RuleViolation as error:
            self._status(describe_violation(error), error=True)
            return
        self.notify(t("ui.session.attendance.saved", count=len(self.marks)), timeout=3)
        self.action_grid()

    def action_grid(self) -> None:
        """Go to the rating grid (or back to the dashboard when no skill was practised)."""
        if not self.session.skill_ids:
            self.app.pop_screen()
            return
        from trainer_tui.ui.screens.rating_grid import RatingGridScreen

        self.app.switch_screen(RatingGridScreen(self.cohort, self.session))

    def action_back(self) -> None:
        """Escape closes the prompt, else leaves without recording."""
        if self.query_one(PromptBar).is_open:
            self._close_prompt()
            return
        self.app.pop_screen()
