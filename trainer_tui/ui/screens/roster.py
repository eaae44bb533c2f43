"""The cohort's trainees: enrol, edit, import a roster CSV."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import t
from trainer_tui.services import enrolment
from trainer_tui.services.roster import RosterPreview, list_trainees
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.screens.roster_forms import ImportFileForm, ImportPreview
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.form import FormDialog, FormField, values
from trainer_tui.ui.widgets.title_bar import TitleBar


class RosterScreen(TrainerScreen):
    """Every trainee of a cohort, with their contact details and status."""

    HELP_KEY = "help.roster"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("a", "enrol", "ui.roster.key.enrol"),
        Binding("e", "edit", "ui.roster.key.edit"),
        Binding("i", "import_roster", "ui.roster.key.import"),
    ]
    DEFAULT_CSS = """
    RosterScreen #roster-summary { height: 1; padding: 0 1; color: $text-muted; }
    RosterScreen #roster-table { height: 1fr; }
    """

    def __init__(self, cohort: Cohort) -> None:
        super().__init__()
        self.cohort = cohort
        self.trainees: list[Trainee] = []

    def compose(self) -> ComposeResult:
        """Header, a summary line, the trainees table."""
        # Before the title bar is mounted: it reads the subtitle once.
        self.sub_title = f"{t('ui.roster.title')} — {self.cohort.name}"
        yield TitleBar()
        yield Static(id="roster-summary")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one("#roster-table", DataTable)
        for key in ("name", "code", "status", "phone", "email"):
            table.add_column(t(f"ui.roster.col.{key}"), key=key)
        self.refresh_data()
        table.focus()

    def refresh_data(self, select: str | None = None) -> None:
        """Reload the trainees from the workspace; put the cursor on ``select`` (an id)."""
        self.trainees = list_trainees(self.trainer_app.workspace, self.cohort)
        table = self.query_one("#roster-table", DataTable)
        row = table.cursor_row
        table.clear()
        for trainee in self.trainees:
            table.add_row(
                f"{trainee.last_name.upper()} {trainee.first_name}",
                trainee.code,
                t(f"status.{trainee.status.value}"),
                trainee.phone or "",
                trainee.email or "",
                key=trainee.id,
            )
        ids = [trainee.id for trainee in self.trainees]
        if select in ids:
            row = ids.index(select)
        if self.trainees:
            table.move_cursor(row=min(max(row, 0), len(self.trainees) - 1))
        summary = self.query_one("#roster-summary", Static)
        if self.trainees:
            summary.update(t("ui.roster.summary", cohort=self.cohort.name, count=len(ids)))
        else:
            summary.update(t("ui.roster.empty"))

    def _highlighted(self) -> Trainee | None:
        if not self.trainees:
            return None
        row = self.query_one("#roster-table", DataTable).cursor_row
        return self.trainees[min(max(row, 0), len(self.trainees) - 1)]

    def _saved(self, trainee: Trainee | None, before: Trainee | None = None) -> None:
        """After the form: say it is saved and show it in the table."""
        if trainee is None:
            return
        if before is not None and trainee == before:
            self.notify(t("ui.roster.unchanged"))
        else:
            self.notify(t("ui.roster.saved", name=trainee.full_name, code=trainee.code))
        self.refresh_data(select=trainee.id)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter on a trainee edits their profile."""
        self.action_edit()

    def action_enrol(self) -> None:
        """Enrol a new trainee."""
        self.app.push_screen(TraineeForm(self.cohort), callback=self._saved)

    def action_edit(self) -> None:
        """Edit the highlighted trainee's profile."""
        trainee = self._highlighted()
        if trainee is not None:
            self.app.push_screen(
                TraineeForm(self.cohort, trainee),
                callback=lambda saved: self._saved(saved, trainee),
            )

    def action_import_roster(self) -> None:
        """Choose a roster CSV, preview it, then import it all or nothing."""
        form = ImportFileForm(self.cohort)

        def read(preview: RosterPreview | None) -> None:
            if preview is not None:
                name = form.path.name if form.path else ""
                self.app.push_screen(ImportPreview(self.cohort, preview, name), callback=done)

        def done(trainees: list[Trainee] | None) -> None:
            if trainees:
                self.notify(t("ui.roster.imported", count=len(trainees)))
                self.refresh_data(select=trainees[0].id)

        self.app.push_screen(form, callback=read)

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.app.pop_screen()


class TraineeForm(FormDialog):
    """Enrol a trainee in ``cohort``, or edit ``trainee``; returns the stored trainee."""

    HELP_KEY = "help.roster"

    def __init__(self, cohort: Cohort, trainee: Trainee | None = None) -> None:
        super().__init__()
        self.cohort = cohort
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        """The profile fields, filled in when editing."""
        trainee = self.trainee
        with VerticalScroll(classes="dialog"):
            if trainee is None:
                yield Label(t("ui.roster.form.title_new"), classes="dialog-title")
            else:
                title = t("ui.roster.form.title_edit", name=trainee.full_name)
                yield Label(title, classes="dialog-title")
            yield FormField(
                t("ui.roster.form.first"), "first_name", trainee.first_name if trainee else ""
            )
            yield FormField(
                t("ui.roster.form.last"), "last_name", trainee.last_name if trainee else ""
            )
            code_label = "ui.roster.form.code_edit" if trainee else "ui.roster.form.code"
            hint = "" if trainee else t("ui.roster.form.code_hint")
            yield FormField(t(code_label), "code", trainee.code if trainee else "", hint)
            yield FormField(t("ui.roster.form.email"), "email", (trainee and trainee.email) or "")
            yield FormField(t("ui.roster.form.phone"), "phone", (trainee and trainee.phone) or "")
            yield from self.buttons(t("ui.button.save"))

    def action_save(self) -> None:
        """Enrol or edit through the services; a mistake is shown and nothing is stored."""
        given = {key: value.strip() for key, value in values(self.query(Input)).items()}
        ws = self.trainer_app.workspace
        try:
            if self.trainee is None:
                saved = enrolment.enrol_trainee(
                    ws,
                    self.cohort,
                    first_name=given["first_name"],
                    last_name=given["last_name"],
                    code=given["code"] or None,
                    email=given["email"] or None,
                    phone=given["phone"] or None,
                )
            else:
                saved = enrolment.edit_trainee(
                    ws,
                    self.cohort,
                    self.trainee,
                    first_name=given["first_name"],
                    last_name=given["last_name"],
                    code=given["code"].upper(),
                    email=given["email"] or None,
                    phone=given["phone"] or None,
                )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(saved)
