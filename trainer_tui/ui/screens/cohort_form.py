"""Create a cohort: name, campus, dates and targets."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort
from trainer_tui.i18n import t
from trainer_tui.services import enrolment
from trainer_tui.services.parsing import parse_date, parse_number
from trainer_tui.ui.widgets.form import FormDialog, FormField, values


class CohortForm(FormDialog):
    """Returns the created cohort, or ``None`` if the trainer cancels."""

    HELP_KEY = "help.cohort_form"

    def compose(self) -> ComposeResult:
        """The fields of a cohort."""
        with VerticalScroll(classes="dialog"):
            yield Label(t("ui.cohort_form.title"), classes="dialog-title")
            yield FormField(t("ui.cohort_form.name"), "name")
            yield FormField(t("ui.cohort_form.campus"), "campus")
            yield FormField(t("ui.cohort_form.start"), "start", placeholder="JJ/MM/AAAA")
            yield FormField(t("ui.cohort_form.end"), "end", placeholder="JJ/MM/AAAA")
            yield FormField(t("ui.cohort_form.hours"), "hours", "400")
            yield FormField(t("ui.cohort_form.driving"), "driving", "21")
            yield from self.buttons(t("ui.button.create"))

    def action_save(self) -> None:
        """Validate through the services and close with the new cohort."""
        given = values(self.query(Input))
        try:
            cohort: Cohort = enrolment.create_cohort(
                self.trainer_app.workspace,
                name=given["name"],
                campus=given["campus"],
                start=parse_date(given["start"], "start"),
                end=parse_date(given["end"], "end"),
                training_hours=parse_number(given["hours"], "hours"),
                driving_hours=parse_number(given["driving"], "driving_hours"),
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(cohort)
