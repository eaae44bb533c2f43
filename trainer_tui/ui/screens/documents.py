"""Documents: attendance sheets, attendance summary, payroll hours, driving logs, certificates.

Skill records for employers are made here too, for the chosen trainee or all of them.

The trainer picks a document (and a day or a trainee when it needs one); the file is made in a
worker and written to the documents folder, and the screen says where. Nothing here decides
what a document says: the services do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import describe_violation, format_date, t
from trainer_tui.services import exporting, preferences
from trainer_tui.services.parsing import parse_date
from trainer_tui.services.skill_records import FORMATS, export_records, record_trainees
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.title_bar import TitleBar

#: The documents, in the order a trainer needs them through the week.
DOCUMENTS = (
    "sheet",
    "week",
    "summary",
    "payroll",
    "progress",
    "driving",
    "certificate",
    "record",
)
#: Documents made for one trainee or all (the "trainee" choice applies).
PER_TRAINEE: tuple[exporting.TraineeDocument, ...] = ("progress", "driving", "certificate")
EVERYONE = "*"


class DocumentsScreen(TrainerScreen):
    """Make a document of the current cohort."""

    HELP_KEY = "help.documents"
    BINDINGS = [
        Binding("enter", "make", "ui.documents.key.make", show=False),
        Binding("j", "choose_day", "ui.documents.key.day"),
        Binding("t", "choose_trainee", "ui.documents.key.trainee"),
        Binding("p", "settings", "ui.documents.key.settings"),
        Binding("escape", "back", "ui.key.back"),
    ]
    DEFAULT_CSS = """
    #documents-title { height: 1; padding: 0 1; text-style: bold; }
    #documents-folder { height: auto; padding: 0 1; color: $text-muted; }
    #documents-choices { height: 1; margin: 1 0; }
    #documents-choices Label { padding: 0 1; }
    #documents-day { width: 14; }
    #documents-trainee { width: 36; }
    #documents-list { height: 1fr; }
    #documents-status { height: auto; min-height: 2; padding: 0 1; }
    #documents-status.-error { color: $error; }
    """

    def __init__(self, cohort: Cohort) -> None:
        super().__init__()
        self.cohort = cohort
        self.busy = False

    def compose(self) -> ComposeResult:
        """Folder, day and trainee choices, the list of documents, a status line."""
        ws = self.trainer_app.workspace
        trainees = ws.cohort_records(self.cohort).trainees
        yield TitleBar()
        yield Static(t("ui.documents.title", cohort=self.cohort.name), id="documents-title")
        yield Static(id="documents-folder", markup=False)
        with Horizontal(id="documents-choices"):
            yield Label(t("ui.documents.day"))
            yield Input(format_date(ws.today()), id="documents-day", compact=True)
            yield Label(t("ui.documents.trainee"))
            yield Select(
                [(t("ui.documents.everyone"), EVERYONE)]
                + [(f"{p.last_name.upper()} {p.first_name} ({p.code})", p.id) for p in trainees],
                value=EVERYONE,
                allow_blank=False,
                id="documents-trainee",
                compact=True,
            )
        yield OptionList(
            *(
                Option(
                    f"{t(f'ui.documents.kind.{kind}')}\n  {t(f'ui.documents.hint.{kind}')}", kind
                )
                for kind in DOCUMENTS
            ),
            id="documents-list",
        )
        yield Static(id="documents-status", markup=False)
        yield KeysFooter()

    @staticmethod
    def _option(kind: str) -> Option:
        """A document on two lines: its name, then what it holds."""
        return Option(f"{t(f'ui.documents.kind.{kind}')}\n  {t(f'ui.documents.hint.{kind}')}", kind)

    def on_mount(self) -> None:
        """Show where files go; the list has the focus."""
        self._show_folder()
        self.query_one("#documents-list", OptionList).focus()

    def _show_folder(self) -> None:
        folder = preferences.documents_folder(self.trainer_app.workspace)
        self.query_one("#documents-folder", Static).update(t("ui.documents.folder", folder=folder))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a document makes it."""
        self._make(event.option.id or "")

    def action_make(self) -> None:
        """Make the highlighted document."""
        documents = self.query_one("#documents-list", OptionList)
        if documents.highlighted is not None:
            self._make(DOCUMENTS[documents.highlighted])

    def _chosen_trainees(self) -> list[Trainee]:
        chosen = self.query_one("#documents-trainee", Select).value
        trainees = self.trainer_app.workspace.cohort_records(self.cohort).trainees
        return [p for p in trainees if chosen in (EVERYONE, p.id)]

    def _make(self, kind: str) -> None:
        if self.busy or kind not in DOCUMENTS:
            return
        if kind == "record":
            self._ask_record_format()
            return
        try:
            day = parse_date(self.query_one("#documents-day", Input).value, "date")
        except RuleViolation as error:
            self._status(describe_violation(error), error=True)
            self.query_one("#documents-day", Input).focus()
            return
        self.busy = True
        self._status(t("ui.documents.making", document=t(f"ui.documents.kind.{kind}")))
        self._export(kind, day, self._chosen_trainees())

    def _ask_record_format(self) -> None:
        """Skill records: the format first, then the same worker as the other documents."""
        from trainer_tui.ui.screens.record_dialog import RecordDialog

        trainees = self._chosen_trainees()
        who = trainees[0].full_name if len(trainees) == 1 else self.cohort.name

        def chosen(kind: str | None) -> None:
            if kind in FORMATS and not self.busy:
                self.busy = True
                self._status(t("ui.record.making", format=t(f"ui.record.format.{kind}")))
                self._export(f"record:{kind}", self.trainer_app.workspace.today(), trainees)

        self.app.push_screen(RecordDialog(t("ui.record.cohort_title", who=who)), callback=chosen)

    # -- the worker (a thread: widgets are touched only through call_from_thread) ------------

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def _export(self, kind: str, day: dt.date, trainees: list[Trainee]) -> None:
        ws = self.trainer_app.workspace
        folder = preferences.documents_folder(ws)
        try:
            path = self._run(kind, day, trainees, folder)
        except RuleViolation as error:
            self._from_thread(self._failed, describe_violation(error))
            return
        self._from_thread(self._done, path)

    def _run(self, kind: str, day: dt.date, trainees: list[Trainee], folder: Path) -> Path:
        ws, cohort = self.trainer_app.workspace, self.cohort
        if kind == "sheet":
            return exporting.export_day_sheets(ws, cohort, day, folder)
        if kind == "week":
            return exporting.export_week_sheet(ws, cohort, day, folder)
        if kind == "summary":
            return exporting.export_attendance_summary(ws, cohort, folder)
        if kind == "payroll":
            return exporting.export_payroll(ws, cohort, folder)
        if kind.startswith("record:"):
            chosen = {p.id for p in trainees}
            everyone = [p for p in record_trainees(ws, cohort) if p.id in chosen]
            record_format = next(f for f in FORMATS if f == kind.removeprefix("record:"))
            making = t(f"ui.record.format.{record_format}")

            def progress(done: int, total: int) -> None:
                text = t("ui.record.progress", format=making, done=done, total=total)
                self._from_thread(self._status, text)

            return export_records(ws, cohort, everyone, record_format, folder, progress=progress)
        # The remaining kinds are the per-trainee ones, under the same names.
        document = PER_TRAINEE[PER_TRAINEE.index(kind)]
        return exporting.export_trainee_documents(ws, cohort, document, trainees, folder)

    def _from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(callback, *args)

    # -- results (on the UI's thread) ---------------------------------------------------------

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#documents-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    def _done(self, path: Path) -> None:
        self.busy = False
        self._status(t("ui.documents.written", path=path))
        self.notify(t("ui.documents.written", path=path.name))

    def _failed(self, message: str) -> None:
        self.busy = False
        self._status(message, error=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure (a full disk…) still ends with one clear line."""
        if event.state is WorkerState.ERROR and self.busy:
            self._failed(t("ui.documents.failed", error=event.worker.error))

    def action_choose_day(self) -> None:
        """Type the day of the sheets (its current text is selected: typing replaces it)."""
        field = self.query_one("#documents-day", Input)
        field.focus()
        field.select_all()

    def action_choose_trainee(self) -> None:
        """Open the trainee choice."""
        choice = self.query_one("#documents-trainee", Select)
        choice.focus()
        choice.action_show_overlay()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        """Enter in the day field goes back to the documents."""
        self.query_one("#documents-list", OptionList).focus()

    # -- settings and leaving ----------------------------------------------------------------

    def action_settings(self) -> None:
        """Edit the organisation printed on documents, the folder and the absence threshold."""
        from trainer_tui.ui.screens.settings_form import SettingsForm

        def saved(changed: bool | None) -> None:
            if changed:
                self._show_folder()
                self._status(t("ui.settings.saved"))

        self.app.push_screen(SettingsForm(), callback=saved)

    def action_back(self) -> None:
        """Back to the dashboard (not while a document is being written)."""
        if self.busy:
            self.notify(t("ui.documents.busy"), severity="warning")
            return
        self.app.pop_screen()
