"""A small form helper: labelled inputs and one line for the error of the last attempt."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_violation


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

    def show(self, error: RuleViolation | None) -> None:
        """Show ``error`` (or clear the line), and put the cursor in the field at fault."""
        self.update(describe_violation(error) if error else "")
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
