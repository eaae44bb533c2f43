"""Add a trainer or a driving instructor: a name and initials."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Trainer
from trainer_tui.i18n import t
from trainer_tui.services import enrolment
from trainer_tui.ui.base import TrainerModal
from trainer_tui.ui.widgets.form import FormError, FormField, values


class TrainerForm(TrainerModal):
    """Returns the new trainer, or ``None`` if the trainer cancels."""

    HELP_KEY = "help.trainer_form"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def compose(self) -> ComposeResult:
        """Name and initials."""
        with Vertical(classes="dialog"):
            yield Label(t("ui.trainer_form.title"), classes="dialog-title")
            yield FormField(t("ui.trainer_form.name"), "name")
            yield FormField(t("ui.trainer_form.initials"), "initials")
            yield FormError()
            with Horizontal(classes="buttons"):
                yield Button(t("ui.button.create"), variant="primary", id="create")
                yield Button(t("ui.button.cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either field creates the trainer."""
        event.stop()
        self.action_create()

    def action_create(self) -> None:
        """Store the trainer through the services and close with it."""
        given = values(self.query(Input))
        try:
            trainer: Trainer = enrolment.add_trainer(
                self.trainer_app.workspace, name=given["name"], initials=given["initials"]
            )
        except RuleViolation as error:
            self.query_one(FormError).show(error)
            return
        self.notify(t("ui.trainer_form.saved", name=trainer.name))
        self.dismiss(trainer)

    def action_cancel(self) -> None:
        """Close without storing anything."""
        self.dismiss(None)
