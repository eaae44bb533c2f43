"""Choose the cohort to work on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from trainer_tui.i18n import format_date, t
from trainer_tui.ui.base import TrainerModal


class CohortPicker(TrainerModal):
    """A list of cohorts, most recent first; Enter opens one, Escape goes back."""

    BINDINGS = [Binding("escape", "dismiss_none", "ui.key.back")]

    def compose(self) -> ComposeResult:
        """The list of cohorts."""
        cohorts = self.trainer_app.workspace.cohorts()
        with Vertical(classes="dialog"):
            yield Label(t("ui.picker.title"), classes="dialog-title")
            yield OptionList(
                *(
                    Option(
                        t(
                            "ui.picker.row",
                            name=c.name,
                            campus=c.campus,
                            start=format_date(c.start),
                            end=format_date(c.end),
                        ),
                        id=c.id,
                    )
                    for c in cohorts
                ),
                id="cohorts",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen cohort."""
        chosen = event.option.id
        for cohort in self.trainer_app.workspace.cohorts():
            if cohort.id == chosen:
                self.dismiss(cohort)
                return

    def action_dismiss_none(self) -> None:
        """Close without changing cohort."""
        self.dismiss(None)
