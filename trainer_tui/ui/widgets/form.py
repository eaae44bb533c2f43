"""Forms: labelled inputs, one line for the error of the last attempt, the dialog around them."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_violation, t
from trainer_tui.ui.base import TrainerModal


class FormField(Horizontal):
    """A label and its input on one line, so that a whole form fits an 80x24 terminal."""

    DEFAULT_CSS = """
    FormField { height: 1; margin-bottom: 1; }
    FormField Label { width: 32; padding: 0 1; }
    FormField Input { width: 1fr; background: $panel; }
    FormField Input:focus { background: $primary 30%; }
    """

    def __init__(self, label: str, field_id: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.label = label
        self.field_id = field_id
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The label and the input."""
        yield Label(self.label)
        yield Input(value=self.value, placeholder=self.placeholder, id=self.field_id, compact=True)


class FormError(Static):
    """Where a form says what is wrong, in one line."""

    DEFAULT_CSS = """
    FormError { color: $error; height: auto; padding: 0 1; }
    """

    def show(self, error: RuleViolation | None, message: str | None = None) -> None:
        """Show ``error`` (or clear the line), and put the cursor in the field at fault.

        ``message`` replaces the usual description when a screen words it its own way.
        """
        if message is None:
            message = describe_violation(error) if error else ""
        self.update(message)
        if error is None:
            return
        for field in self.screen.query(Input):
            if field.id == error.field:
                field.focus()
                field.select_all()
                break


def values(fields: Iterable[Input]) -> dict[str, str]:
    """The current text of each input, by id."""
    return {field.id or "": field.value for field in fields}


class FormDialog(TrainerModal):
    """A dialog of fields: Enter or its primary button saves, Escape or Cancel closes.

    Subclasses compose their fields then ``yield from self.buttons(label)``, and write in
    :meth:`action_save` through the services, calling :meth:`show_error` on a refusal (the
    dialog stays open, nothing is stored) or ``dismiss`` with what they stored.
    """

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def buttons(
        self, label: str, variant: Any = "primary", cancel: str | None = None
    ) -> ComposeResult:
        """The error line, then the save and cancel buttons."""
        yield FormError()
        with Horizontal(classes="buttons"):
            yield Button(label, variant=variant, id="save")
            yield Button(cancel or t("ui.button.cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves."""
        event.stop()
        self.action_save()

    def show_error(self, error: RuleViolation, message: str | None = None) -> None:
        """Say what is wrong on the error line and put the cursor in the field at fault."""
        self.query_one(FormError).show(error, message)

    @abstractmethod
    def action_save(self) -> None:
        """Write through the services (each dialog says how)."""

    def action_cancel(self) -> None:
        """Close without storing anything."""
        self.dismiss(None)
