"""F1: what the current screen is for and which keys it offers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from trainer_tui.i18n import t
from trainer_tui.ui.base import TrainerModal, translate


class HelpScreen(TrainerModal):
    """The help text of a screen, then the keys active on it."""

    BINDINGS = [
        Binding("escape", "close", "ui.key.close"),
        Binding("f1", "close", "ui.key.close", show=False),
    ]

    def __init__(self, help_key: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_key = help_key
        self.keys = keys

    def compose(self) -> ComposeResult:
        """The help text and the key list of the screen underneath."""
        text = translate(self.help_key)
        if self.keys:
            rows = "\n".join(f"| `{key}` | {description} |" for key, description in self.keys)
            text += f"\n\n{t('ui.help.keys')}\n\n| | |\n|---|---|\n{rows}"
        with VerticalScroll(classes="dialog help"):
            yield Label(t("ui.help.title"), classes="dialog-title")
            yield Markdown(text)

    def on_mount(self) -> None:
        """The keyboard scrolls the help at once (arrows, Page Up/Down, Home, End)."""
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
