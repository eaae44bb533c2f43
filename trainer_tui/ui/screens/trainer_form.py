"""Add a trainer or a driving instructor: a name and initials."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Trainer
from trainer_tui.i18n import t
from trainer_tui.services import enrolment
from trainer_tui.ui.widgets.form import FormDialog, FormField, values


class TrainerForm(FormDialog):
    """Returns the new trainer, or ``None`` if the trainer cancels."""

    HELP_KEY = "help.trainer_form"

    def compose(self) -> ComposeResult:
        """Name and initials."""
        with Vertical(classes="dialog"):
            yield Label(t("ui.trainer_form.title"), classes="dialog-title")
            yield FormField(t("ui.trainer_form.name"), "name")
            yield FormField(t("ui.trainer_form.initials"), "initials")
            yield from self.buttons(t("ui.button.create"))

    def action_save(self) -> None:
        """Store the trainer through the services and close with it."""
        given = values(self.query(Input))
        try:
            trainer: Trainer = enrolment.add_trainer(
                self.trainer_app.workspace, name=given["name"], initials=given["initials"]
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.notify(t("ui.trainer_form.saved", name=trainer.name))
        self.dismiss(trainer)
