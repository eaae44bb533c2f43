"""First run: no cohort yet. Create one, or look around the demo first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Markdown

from trainer_tui.domain.people import Cohort
from trainer_tui.i18n import t
from trainer_tui.ui.app import OPEN_DEMO
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.title_bar import TitleBar


class WelcomeScreen(TrainerScreen):
    """Shown when the data folder holds no cohort."""

    HELP_KEY = "help.welcome"
    BINDINGS = [
        Binding("c", "create", "ui.key.create_cohort"),
        Binding("d", "demo", "ui.key.open_demo"),
    ]

    def compose(self) -> ComposeResult:
        """A short explanation and the two ways forward."""
        yield TitleBar()
        with Vertical(id="welcome", classes="dialog"):
            yield Markdown(t("ui.welcome.text", folder=self.trainer_app.workspace.replica.data_dir))
            with Horizontal(classes="buttons"):
                yield Button(t("ui.welcome.create"), variant="primary", id="create")
                yield Button(t("ui.welcome.demo"), id="demo")
        yield KeysFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Act on the chosen button."""
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_demo()

    def action_create(self) -> None:
        """Create the first cohort, then show its dashboard."""
        from trainer_tui.ui.screens.cohort_form import CohortForm

        def created(cohort: Cohort | None) -> None:
            if cohort is not None:
                self.trainer_app.open_cohort(cohort)

        self.app.push_screen(CohortForm(), callback=created)

    def action_demo(self) -> None:
        """Leave, asking the CLI to reopen on the demo data folder."""
        self.app.exit(OPEN_DEMO)
