"""The trainee file: progress, assessment history, attendance and driving, with its actions.

Opened from the dashboard with Enter; Escape dismisses it so that the dashboard refreshes.
Each write (profile, departure, voided assessment) goes through the services, is confirmed
with a notification, and the file is recomputed from what was stored.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.markup import escape
from textual.widgets import (
    Checkbox,
    DataTable,
    Static,
    TabbedContent,
    TabPane,
)

from trainer_tui.domain.people import Cohort, Trainee, TraineeStatus
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services.erasure import ErasureOutcome
from trainer_tui.services.trainee_file import TraineeFile, find_assessment, load_trainee_file
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.screens import trainee_format
from trainer_tui.ui.screens import trainee_tabs as tabs
from trainer_tui.ui.screens.trainee_forms import EditProfileDialog, VoidDialog, WithdrawDialog
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.title_bar import TitleBar

#: Tab ids, in the order of the keys 1 to 4.
TABS = ("progress", "history", "attendance", "driving")


def row_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor, or ``None`` for an empty table."""
    if not table.row_count:
        return None
    row = min(max(table.cursor_row, 0), table.row_count - 1)
    return table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value


def keep_cursor(table: DataTable[object], row: int) -> None:
    """Put the cursor back on ``row`` (or the last row) after the table was refilled."""
    if table.row_count:
        table.move_cursor(row=min(max(row, 0), table.row_count - 1))


class TraineeScreen(TrainerScreen):
    """One trainee's file. Dismissed with ``None`` when the trainer goes back."""

    HELP_KEY = "help.trainee"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("e", "edit", "ui.trainee.key.edit"),
        Binding("w", "withdraw", "ui.trainee.key.withdraw"),
        Binding("v", "void", "ui.trainee.key.void"),
        Binding("f", "toggle_never", "ui.trainee.key.never"),
        Binding("l", "driving_lesson", "ui.trainee.key.driving"),
        Binding("q", "show_qr", "ui.trainee.key.qr"),
        Binding("x", "export_record", "ui.trainee.key.record", show=False),
        Binding("ctrl+e", "erase", "erasure.ui.key", show=False),
        Binding("1", "tab('progress')", "ui.trainee.key.tab_progress", show=False),
        Binding("2", "tab('history')", "ui.trainee.key.tab_history", show=False),
        Binding("3", "tab('attendance')", "ui.trainee.key.tab_attendance", show=False),
        Binding("4", "tab('driving')", "ui.trainee.key.tab_driving", show=False),
    ]
    DEFAULT_CSS = """
    #trainee-file { height: 1fr; }
    #trainee-name { height: 1; padding: 0 1; }
    #trainee-status { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    #trainee-status.-left { color: $warning; }
    #tabs { height: 1fr; }
    #tabs > ContentSwitcher { height: 1fr; }
    #tabs TabPane { height: 1fr; padding: 0; }
    #tabs DataTable { height: 1fr; }
    #never-only { margin: 0 1; }
    .tab-summary { height: auto; padding: 0 1; color: $text-muted; }
    .tab-detail { height: 4; padding: 0 1; border-top: solid $primary; }
    #skill-detail { height: 3; }
    """

    def __init__(self, cohort: Cohort, trainee_id: str) -> None:
        super().__init__()
        self.cohort = cohort
        self.trainee_id = trainee_id
        self.file: TraineeFile | None = None
        self._width = 0

    @property
    def trainee(self) -> Trainee:
        """The trainee as stored now."""
        assert self.file is not None
        return self.file.trainee

    def compose(self) -> ComposeResult:
        """Header lines, then the four tabs."""
        yield TitleBar()
        with Vertical(id="trainee-file"):
            yield Static(id="trainee-name")
            yield Static(id="trainee-status")
            with TabbedContent(id="tabs"):
                with TabPane(t("ui.trainee.tab.progress"), id="progress"):
                    yield Checkbox(t("ui.trainee.progress.filter"), id="never-only", compact=True)
                    yield DataTable(id="skills", cursor_type="row")
                    yield Static(id="skill-detail", classes="tab-detail")
                with TabPane(t("ui.trainee.tab.history"), id="history"):
                    yield Static(id="history-count", classes="tab-summary")
                    yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
                    yield Static(id="history-detail", classes="tab-detail")
                with TabPane(t("ui.trainee.tab.attendance"), id="attendance"):
                    yield Static(id="attendance-total", classes="tab-summary")
                    yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
                with TabPane(t("ui.trainee.tab.driving"), id="driving"):
                    yield Static(id="driving-total", classes="tab-summary")
                    yield DataTable(id="driving-table", cursor_type="row", zebra_stripes=True)
                    yield Static(id="driving-detail", classes="tab-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Load the file and fill every tab."""
        tabs.history_columns(self.query_one("#history-table", DataTable))
        self._width = self.app.size.width
        tabs.progress_columns(
            self.query_one("#skills", DataTable), self.trainer_app.workspace.catalogue, self._width
        )
        self.reload()
        self.query_one("#skills", DataTable).focus()

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Recompute the file from the stored facts and redraw every tab."""
        ws = self.trainer_app.workspace
        self.file = load_trainee_file(ws, self.cohort, self.trainee_id)
        self._show_header()
        self._fill_progress()
        history = self.query_one("#history-table", DataTable)
        row = history.cursor_row
        tabs.fill_history(history, self.file, ws.catalogue)
        keep_cursor(history, row)
        self.query_one("#history-count", Static).update(
            t("ui.trainee.history.count", count=len(self.file.history))
        )
        self._show_history_detail()
        tabs.fill_attendance(self.query_one("#attendance-table", DataTable), self.file)
        self.query_one("#attendance-total", Static).update(tabs.attendance_total(self.file))
        driving = self.query_one("#driving-table", DataTable)
        row = driving.cursor_row
        tabs.fill_driving(driving, self.file)
        keep_cursor(driving, row)
        self.query_one("#driving-total", Static).update(tabs.driving_total(self.file))
        self._show_driving_detail()
        self.refresh_bindings()

    def _show_header(self) -> None:
        file = self.file
        assert file is not None
        trainee = file.trainee
        self.query_one("#trainee-name", Static).update(
            t(
                "ui.trainee.name",
                name=escape(f"{trainee.first_name} {trainee.last_name.upper()}"),
                code=trainee.code,
                cohort=escape(f"{self.cohort.name} ({self.cohort.campus})"),
            )
        )
        status = self.query_one("#trainee-status", Static)
        left = trainee.status is TraineeStatus.LEFT and trainee.left_on is not None
        status.set_class(left, "-left")
        situation = t("ui.trainee.active")
        if left and trainee.left_on is not None:
            situation = t(
                "ui.trainee.left",
                date=format_date(trainee.left_on),
                reason=escape(trainee.left_reason or ""),
            )
        if trainee.erased_on is not None:
            situation += t("erasure.ui.status", date=format_date(trainee.erased_on))
        status.update(
            t(
                "ui.trainee.stats",
                status=situation,
                proficient=file.proficient,
                total=file.total,
                done=trainee_format.hours(file.training.done_minutes),
                target=decimal(file.training.target_minutes / 60, 0),
                driving=trainee_format.hours(file.driving.done_minutes),
                driving_target=decimal(file.driving.target_minutes / 60, 0),
            )
        )

    def _fill_progress(self) -> None:
        table = self.query_one("#skills", DataTable)
        assert self.file is not None
        row = table.cursor_row
        never_only = self.query_one("#never-only", Checkbox).value
        tabs.fill_progress(
            table, self.file, self.trainer_app.workspace.catalogue, never_only=never_only
        )
        keep_cursor(table, row)
        self._show_progress_detail()

    def _show_progress_detail(self) -> None:
        assert self.file is not None
        key = row_key(self.query_one("#skills", DataTable))
        self.query_one("#skill-detail", Static).update(
            tabs.progress_detail(self.file, self.trainer_app.workspace.catalogue, key)
        )

    def _show_history_detail(self) -> None:
        assert self.file is not None
        key = row_key(self.query_one("#history-table", DataTable))
        line = find_assessment(self.file, key) if key else None
        self.query_one("#history-detail", Static).update(
            tabs.history_detail(line, self.trainer_app.workspace.catalogue)
        )

    def _show_driving_detail(self) -> None:
        assert self.file is not None
        key = row_key(self.query_one("#driving-table", DataTable))
        self.query_one("#driving-detail", Static).update(
            tabs.driving_detail(self.file, self.trainer_app.workspace.catalogue, key)
        )

    # -- events ------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Give skill titles the width the terminal has."""
        if self.file is not None and event.size.width != self._width:
            self._width = event.size.width
            catalogue = self.trainer_app.workspace.catalogue
            tabs.progress_columns(self.query_one("#skills", DataTable), catalogue, self._width)
            self._fill_progress()

    @on(DataTable.RowHighlighted, "#skills")
    def _skill_highlighted(self) -> None:
        self._show_progress_detail()

    @on(DataTable.RowHighlighted, "#history-table")
    def _history_highlighted(self) -> None:
        self._show_history_detail()

    @on(DataTable.RowHighlighted, "#driving-table")
    def _lesson_highlighted(self) -> None:
        self._show_driving_detail()

    @on(Checkbox.Changed, "#never-only")
    def _filter_changed(self) -> None:
        self._fill_progress()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def _active_tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key where it makes sense (void in the history, filter in progress)."""
        if self.file is None:
            return True
        if action == "void":
            return self._active_tab() == "history" and bool(self.file.history)
        if action == "toggle_never":
            return self._active_tab() == "progress"
        erased = self.file.trainee.erased_on is not None
        if action in ("edit", "erase", "show_qr", "export_record"):
            return not erased  # nothing is handed out about an erased trainee
        if action == "withdraw":
            return self.file.trainee.status is TraineeStatus.ACTIVE and not erased
        return True

    # -- actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the dashboard, which refreshes."""
        self.dismiss(None)

    def action_tab(self, tab: str) -> None:
        """Show one of the tabs and put the keyboard in its table."""
        if tab not in TABS:
            return
        self.query_one("#tabs", TabbedContent).active = tab
        pane = self.query_one(f"#{tab}", TabPane)
        pane.query_one(DataTable).focus()

    def action_toggle_never(self) -> None:
        """Show only the skills never assessed, or every skill."""
        checkbox = self.query_one("#never-only", Checkbox)
        checkbox.value = not checkbox.value

    def _saved(self, result: object) -> None:
        """After a dialog: if it stored something, say so and show the new state."""
        if result is None:
            return
        self.reload()
        self.notify(t("ui.trainee.saved"))

    def action_edit(self) -> None:
        """Edit the profile: names, code, email, phone."""
        self.app.push_screen(EditProfileDialog(self.cohort, self.trainee), callback=self._saved)

    def action_withdraw(self) -> None:
        """Record that the trainee left the programme, with the date and the reason."""
        self.app.push_screen(WithdrawDialog(self.cohort, self.trainee), callback=self._saved)

    def action_show_qr(self) -> None:
        """Show the trainee's progress QR code for their phone."""
        from trainer_tui.ui.screens.qr_screen import QrScreen

        self.app.push_screen(QrScreen(self.cohort, self.trainee))

    def action_export_record(self) -> None:
        """Write the trainee's skill record for an employer, in the format chosen."""
        from trainer_tui.ui.screens.record_dialog import export_record

        title = t("ui.record.title", name=self.trainee.full_name)
        export_record(self, self.cohort, [self.trainee], title)

    def action_erase(self) -> None:
        """Erase the trainee's identity at their request (GDPR), once their code is typed."""
        from trainer_tui.ui.screens.erase_dialog import EraseDialog

        def erased(outcome: object) -> None:
            if isinstance(outcome, ErasureOutcome):
                self.reload()
                self.notify(t("erasure.ui.done", code=outcome.anonymous_code), timeout=10)

        self.app.push_screen(EraseDialog(self.cohort, self.trainee), callback=erased)

    def action_driving_lesson(self) -> None:
        """Log a driving lesson, then show the driving tab with it."""
        from trainer_tui.ui.screens.driving_form import DrivingLessonDialog

        def logged(lesson: object) -> None:
            self._saved(lesson)
            if lesson is not None:
                self.action_tab("driving")

        self.app.push_screen(DrivingLessonDialog(self.cohort, self.trainee), callback=logged)

    def action_void(self) -> None:
        """Void the highlighted assessment of the history, after confirmation."""
        if self.file is None or self._active_tab() != "history":
            return
        key = row_key(self.query_one("#history-table", DataTable))
        line = find_assessment(self.file, key) if key else None
        if line is not None:
            self.app.push_screen(VoidDialog(self.cohort, self.trainee, line), callback=self._saved)
