"""The dialogs of the trainee file: edit the profile, record a departure, void an assessment.

Each dialog writes through the services itself and closes with what it stored, or ``None``
when the trainer cancels; a refused input leaves the dialog open with one error line and
nothing stored.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import describe_error, describe_violation, format_date, has, t
from trainer_tui.services import activity, enrolment
from trainer_tui.services.parsing import parse_date
from trainer_tui.services.trainee_file import HistoryLine
from trainer_tui.ui.screens.trainee_format import level_label, when
from trainer_tui.ui.screens.trainee_tabs import trainer_name
from trainer_tui.ui.widgets.form import FormDialog, FormField, values


def describe(error: RuleViolation) -> str:
    """One line saying what is wrong, with field names this screen adds when needed."""
    if has(f"field.{error.field}") or not has(f"ui.trainee.field.{error.field}"):
        return describe_violation(error)
    return t(
        "cli.violation",
        field=t(f"ui.trainee.field.{error.field}"),
        message=describe_error(error.code, error.params, str(error)),
    )


class TraineeDialog(FormDialog):
    """A dialog about one trainee of a cohort."""

    def __init__(self, cohort: Cohort, trainee: Trainee) -> None:
        super().__init__()
        self.cohort = cohort
        self.trainee = trainee

    def show_error(self, error: RuleViolation, message: str | None = None) -> None:
        """Say what is wrong, with the field names this screen adds when needed."""
        super().show_error(error, message or escape(describe(error)))


class EditProfileDialog(TraineeDialog):
    """Edit first name, last name, code, email and phone; returns the updated trainee."""

    HELP_KEY = "help.trainee"

    def compose(self) -> ComposeResult:
        """The profile fields, prefilled."""
        trainee = self.trainee
        with VerticalScroll(classes="dialog"):
            yield Label(
                t("ui.trainee.edit.title", name=escape(trainee.full_name)), classes="dialog-title"
            )
            yield FormField(t("ui.trainee.edit.first_name"), "first_name", trainee.first_name)
            yield FormField(t("ui.trainee.edit.last_name"), "last_name", trainee.last_name)
            yield FormField(t("ui.trainee.edit.code"), "code", trainee.code)
            yield FormField(t("ui.trainee.edit.phone"), "phone", trainee.phone or "")
            yield FormField(t("ui.trainee.edit.email"), "email", trainee.email or "")
            yield from self.buttons(t("ui.button.save"))

    def action_save(self) -> None:
        """Save the changed fields through ``enrolment.edit_trainee``."""
        given = values(self.query(Input))
        try:
            updated = enrolment.edit_trainee(
                self.trainer_app.workspace,
                self.cohort,
                self.trainee,
                first_name=given["first_name"],
                last_name=given["last_name"],
                code=given["code"].strip().upper(),
                email=given["email"].strip() or None,
                phone=given["phone"].strip() or None,
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(updated)


class WithdrawDialog(TraineeDialog):
    """Record an early departure (date, reason); returns the updated trainee."""

    HELP_KEY = "help.trainee"

    def compose(self) -> ComposeResult:
        """The date (today by default) and the reason."""
        today = format_date(self.trainer_app.workspace.today())
        with VerticalScroll(classes="dialog"):
            yield Label(
                t("ui.trainee.withdraw.title", name=escape(self.trainee.full_name)),
                classes="dialog-title",
            )
            yield FormField(t("ui.trainee.withdraw.date"), "date", today)
            yield FormField(t("ui.trainee.withdraw.reason"), "reason")
            yield from self.buttons(t("ui.trainee.withdraw.button"))

    def on_mount(self) -> None:
        """Start in the reason field: the date is usually today."""
        self.query_one("#reason", Input).focus()

    def action_save(self) -> None:
        """Save through ``enrolment.withdraw_trainee``."""
        given = values(self.query(Input))
        try:
            updated = enrolment.withdraw_trainee(
                self.trainer_app.workspace,
                self.cohort,
                self.trainee,
                on=parse_date(given["date"], "date"),
                reason=given["reason"],
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(updated)


class VoidDialog(TraineeDialog):
    """Confirm voiding one assessment (with an optional reason); returns its id."""

    HELP_KEY = "help.trainee"

    def __init__(self, cohort: Cohort, trainee: Trainee, line: HistoryLine) -> None:
        super().__init__(cohort, trainee)
        self.line = line

    def compose(self) -> ComposeResult:
        """What will be voided, an optional reason, and the two choices."""
        a = self.line.assessment
        catalogue = self.trainer_app.workspace.catalogue
        with VerticalScroll(classes="dialog"):
            yield Label(t("ui.trainee.void.title"), classes="dialog-title")
            yield Static(
                t(
                    "ui.trainee.void.text",
                    skill=a.skill_id,
                    when=when(a.recorded_at),
                    level=escape(level_label(catalogue, a.level)),
                    trainer=escape(trainer_name(self.line)),
                )
            )
            yield FormField(t("ui.trainee.void.reason"), "reason")
            yield from self.buttons(
                t("ui.trainee.void.button"), "error", cancel=t("ui.trainee.void.keep")
            )

    def action_save(self) -> None:
        """Void the assessment through ``activity.void``."""
        reason = self.query_one("#reason", Input).value.strip()
        try:
            activity.void(self.trainer_app.workspace, self.line.assessment.id, reason)
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(self.line.assessment.id)
