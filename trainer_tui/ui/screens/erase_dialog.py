"""The trainee's right to erasure, from their file: say what goes, ask for their code, erase.

Erasing cannot be undone, so the dialog says what is replaced and what is kept, and asks the
trainer to type the trainee's code (not only press Enter) before the red button acts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import t
from trainer_tui.services import erasure
from trainer_tui.ui.screens.trainee_forms import TraineeDialog
from trainer_tui.ui.widgets.form import FormField


class EraseDialog(TraineeDialog):
    """Confirm a GDPR erasure by typing the trainee's code; returns the outcome."""

    HELP_KEY = "help.trainee"
    DEFAULT_CSS = """
    EraseDialog .erase-confirm { margin: 1 0; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        """What will be erased, the confirmation field and the buttons."""
        trainee = self.trainee
        with VerticalScroll(classes="dialog"):
            yield Label(
                t("erasure.ui.title", name=escape(trainee.full_name)), classes="dialog-title"
            )
            yield Static(
                escape(
                    t(
                        "erasure.what",
                        name=trainee.full_name,
                        code=trainee.code,
                        cohort=self.cohort.name,
                    )
                )
            )
            yield Static(t("erasure.ui.confirm", code=trainee.code), classes="erase-confirm")
            yield FormField(t("erasure.ui.code"), "confirm", placeholder=trainee.code)
            yield from self.buttons(t("erasure.ui.button"), variant="error")

    def on_mount(self) -> None:
        """The cursor waits in the confirmation field."""
        self.query_one("#confirm", Input).focus()

    def action_save(self) -> None:
        """Erase through ``erasure.erase_trainee`` once the code typed matches."""
        typed = self.query_one("#confirm", Input).value.strip().upper()
        if typed != self.trainee.code:
            code = self.trainee.code
            refusal = RuleViolation("erase_code_mismatch", "confirm", "type {code}", code=code)
            self.show_error(refusal, t("validation.erase_code_mismatch", code=code))
            return
        try:
            outcome = erasure.erase_trainee(self.trainer_app.workspace, self.cohort, self.trainee)
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(outcome)
