"""The cohort dashboard: every trainee's progress, hours, driving and alerts at a glance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

from trainer_tui.domain.people import Cohort, TraineeStatus
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services.dashboard import Dashboard, DashboardRow, build_dashboard
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.tables import measure_now
from trainer_tui.ui.widgets.title_bar import TitleBar

#: One character per block, from empty to full, so twelve blocks fit in twelve columns.
BARS = " ▁▂▃▄▅▆▇█"


def bar(share: float) -> str:
    """A one-character bar for a share between 0 and 1."""
    return BARS[round(max(0.0, min(1.0, share)) * (len(BARS) - 1))]


def hours(minutes: int, digits: int = 0) -> str:
    """Minutes as hours in the language's format (``12,5``)."""
    return decimal(minutes / 60, digits)


class DashboardScreen(TrainerScreen):
    """The home screen of a cohort."""

    HELP_KEY = "help.dashboard"
    BINDINGS = [
        Binding("enter", "open_trainee", "ui.key.open", show=False),
        Binding("n", "new_session", "ui.key.new_session"),
        Binding("e", "roster", "ui.key.roster"),
        # Shown in F1 and the palette: the footer keeps the daily keys within 80 columns.
        Binding("c", "catalogue", "ui.key.catalogue", show=False),
        Binding("d", "documents", "ui.key.documents"),
        Binding("s", "sync", "ui.key.sync"),
        Binding("o", "switch_cohort", "ui.key.switch_cohort", show=False),
        Binding("r", "refresh", "ui.key.refresh", show=False),
    ]

    def __init__(self, cohort: Cohort) -> None:
        super().__init__()
        self.cohort = cohort
        self.dashboard: Dashboard | None = None

    def compose(self) -> ComposeResult:
        """Header, a summary line, the trainees table, the highlighted trainee's details."""
        yield TitleBar()
        with Vertical(id="dashboard"):
            yield Static(id="summary")
            yield DataTable(id="trainees", cursor_type="row", zebra_stripes=True)
            yield Static(id="details")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one("#trainees", DataTable)
        table.add_column(t("ui.dashboard.col.trainee"), key="name")
        table.add_column(t("ui.dashboard.col.code"), key="code")
        table.add_column(t("ui.dashboard.col.hours"), key="hours")
        table.add_column(t("ui.dashboard.col.driving"), key="driving")
        table.add_column(t("ui.dashboard.col.acquired"), key="acquired")
        table.add_column(t("ui.dashboard.col.blocks"), key="blocks")
        table.add_column(t("ui.dashboard.col.alerts"), key="alerts")
        # table.focus()

    def refresh_data(self) -> None:
        """Recompute the dashboard from the workspace and redraw it."""
        ws = self.trainer_app.workspace
        self.dashboard = build_dashboard(ws, self.cohort)
        table = self.query_one("#trainees", DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.dashboard.rows:
            table.add_row(*self._cells(entry), key=entry.overview.trainee.id)
        measure_now(table)
        if self.dashboard.rows:
            table.move_cursor(row=min(row, len(self.dashboard.rows) - 1))
        summary = t(
            "ui.dashboard.summary",
            start=format_date(self.cohort.start),
            end=format_date(self.cohort.end),
            today=format_date(self.dashboard.today),
            elapsed=round(self.dashboard.elapsed * 100),
            sessions=self.dashboard.sessions_held,
            trainees=len(self.dashboard.rows),
        )
        # A clock that is off stays on screen until it is fixed, not in a passing toast.
        warnings = [f"[$warning]{escape(line)}[/]" for line in self.dashboard.warnings]
        self.query_one("#summary", Static).update("\n".join([escape(summary), *warnings]))
        self._show_details()

    def _cells(self, entry: DashboardRow) -> tuple[str, ...]:
        overview = entry.overview
        trainee = overview.trainee
        name = f"{trainee.last_name.upper()} {trainee.first_name}"
        if trainee.status is TraineeStatus.LEFT:
            name = f"({name})"
        acquired = round(100 * overview.proficient / overview.total) if overview.total else 0
        alerts = " ".join(t(f"alert.short.{alert.value}") for alert in entry.alerts)
        return (
            name,
            trainee.code,
            f"{hours(overview.training.done_minutes)}/{hours(overview.training.target_minutes)}",
            f"{hours(overview.driving.done_minutes, 1)}/{hours(overview.driving.target_minutes)}",
            f"{acquired} %",
            "".join(bar(block.share) for block in overview.blocks),
            alerts,
        )

    def _highlighted(self) -> DashboardRow | None:
        if self.dashboard is None or not self.dashboard.rows:
            return None
        row = self.query_one("#trainees", DataTable).cursor_row
        return self.dashboard.rows[min(max(row, 0), len(self.dashboard.rows) - 1)]

    def _show_details(self) -> None:
        entry = self._highlighted()
        details = self.query_one("#details", Static)
        if entry is None:
            details.update(t("ui.dashboard.empty"))
            return
        catalogue = self.trainer_app.workspace.catalogue
        parts = [
            f"{catalogue.blocks[i].id} {round(block.share * 100)}%"
            for i, block in enumerate(entry.overview.blocks)
        ]
        lines = [
            f"[b]{entry.overview.trainee.full_name}[/b] — " + "  ".join(parts),
            t(
                "ui.dashboard.details",
                absences=round(entry.absence_rate * 100),
                never=entry.overview.never_assessed,
                remaining=hours(entry.overview.driving.remaining_minutes, 1),
            ),
        ]
        lines += [t(f"alert.long.{alert.value}") for alert in entry.alerts]
        details.update("\n".join(lines))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Follow the cursor in the details panel."""
        self._show_details()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter on a row opens the trainee's file."""
        self.action_open_trainee()

    def action_open_trainee(self) -> None:
        """Open the highlighted trainee's file."""
        entry = self._highlighted()
        if entry is not None:
            from trainer_tui.ui.screens.trainee import TraineeScreen

            self.app.push_screen(
                TraineeScreen(self.cohort, entry.overview.trainee.id),
                callback=lambda _result: self.refresh_data(),
            )

    def action_switch_cohort(self) -> None:
        """Choose another cohort."""
        from trainer_tui.ui.screens.cohort_picker import CohortPicker

        def chosen(cohort: Cohort | None) -> None:
            if cohort is not None and cohort.id != self.cohort.id:
                self.trainer_app.open_cohort(cohort)

        self.app.push_screen(CohortPicker(), callback=chosen)

    def action_new_session(self) -> None:
        """Start a practical session: set it up, mark attendance, then rate."""
        from trainer_tui.ui.screens.session_setup import SessionSetupScreen

        self.app.push_screen(SessionSetupScreen(self.cohort))

    def action_roster(self) -> None:
        """Manage the cohort's trainees: enrol, edit, import a roster."""
        from trainer_tui.ui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(self.cohort))

    def action_catalogue(self) -> None:
        """Browse the skills catalogue."""
        from trainer_tui.ui.screens.catalogue import CatalogueScreen

        self.app.push_screen(CatalogueScreen())

    def action_documents(self) -> None:
        """Attendance sheets, payroll hours, driving logs, certificates."""
        from trainer_tui.ui.screens.documents import DocumentsScreen

        self.app.push_screen(DocumentsScreen(self.cohort))

    def action_sync(self) -> None:
        """Sync with a USB stick or a shared folder."""
        from trainer_tui.ui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen())

    def action_refresh(self) -> None:
        """Recompute everything (after a sync made elsewhere, for instance)."""
        self.refresh_data()

    def on_screen_resume(self) -> None:
        """Shown for the first time, or back from another screen: show the current data.

        Textual sends this event on the first display too, so the data is computed here
        once rather than also in ``on_mount``.
        """
        self.refresh_data()
