"""The Textual app: one instance per run, built by :func:`create_app` for the CLI and tests."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.text import Language
from trainer_tui.i18n import get_language, has, set_language, t
from trainer_tui.services.settings import remember_language
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.base import TranslatedBindings
from trainer_tui.ui.commands import TrainerCommands
from trainer_tui.ui.theme import DEFAULT_THEME, HIGH_CONTRAST, THEMES

#: What the app returns to the CLI to ask for the demo data folder instead (welcome screen).
OPEN_DEMO = "open-demo"


class TrainerApp(TranslatedBindings, App[str | None]):
    """trainer-tui: practical sessions and skill tracking for FTTH trainers."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        Binding("f1", "help", "ui.key.help"),
        Binding("f2", "toggle_contrast", "ui.key.contrast", show=False),
        Binding("ctrl+q", "quit", "ui.key.quit", priority=True),
    ]

    def __init__(self, workspace: Workspace, *, high_contrast: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.cohort: Cohort | None = None
        self.title = t("ui.app.title")
        # Chosen before the first screen mounts: a theme change afterwards restyles every
        # widget, a visible part of the start-up time.
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = HIGH_CONTRAST.name if high_contrast else DEFAULT_THEME

    def on_mount(self) -> None:
        """Open the dashboard (or the welcome screen)."""
        self._quit_on_signals()
        cohorts = self.workspace.cohorts()
        if cohorts:
            self.open_cohort(cohorts[0])
        else:
            from trainer_tui.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def _quit_on_signals(self) -> None:
        """Quit as with Ctrl+Q when the terminal window is closed (SIGHUP) or on SIGTERM.

        Every change is already on disk; quitting properly also seals them and leaves the
        dashboard's cache fresh, so that the next start is as quick as usual.
        """
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.exit)

    def open_cohort(self, cohort: Cohort) -> None:
        """Make ``cohort`` the current one and show its dashboard."""
        from trainer_tui.ui.screens.dashboard import DashboardScreen

        self.cohort = cohort
        self.sub_title = f"{cohort.name} — {cohort.campus}"
        # The dashboard is the bottom of the stack: drop whatever was above the default screen.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(DashboardScreen(cohort))

    def action_help(self) -> None:
        """Show the help of the current screen."""
        from trainer_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys = []
        # Textual's own property, not TranslatedBindings': descriptions as declared (keys).
        own = Screen.active_bindings.fget  # type: ignore[attr-defined]
        declared: dict[str, ActiveBinding] = own(self.screen)
        for active in declared.values():
            # Only our own bindings (message keys): widgets' built-in ones are English-only.
            if has(active.binding.description) and active.enabled:
                keys.append((self.get_key_display(active.binding), t(active.binding.description)))
        self.push_screen(HelpScreen(getattr(self.screen, "HELP_KEY", "help.general"), keys))

    def action_command_palette(self) -> None:
        """Open the command palette, with its prompt in the current language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=t("ui.command.search"), id="--command-palette")
            )

    def action_switch_language(self) -> None:
        """Switch French <-> English, remember it for this laptop, and redraw."""
        language: Language = "en" if get_language() == "fr" else "fr"
        remember_language(self.workspace, language)
        set_language(language)
        self.title = t("ui.app.title")
        if self.cohort is not None:
            self.open_cohort(self.cohort)
        else:
            from trainer_tui.ui.screens.welcome import WelcomeScreen

            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(WelcomeScreen())

    def action_toggle_contrast(self) -> None:
        """Switch between the default and the high-contrast theme."""
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's general commands, in the current language."""
        yield SystemCommand(t("ui.command.help"), t("ui.command.help_help"), self.action_help)
        yield SystemCommand(
            t("ui.command.contrast"), t("ui.command.contrast_help"), self.action_toggle_contrast
        )
        yield SystemCommand(
            t("ui.command.language"), t("ui.command.language_help"), self.action_switch_language
        )
        yield SystemCommand(t("ui.command.quit"), t("ui.command.quit_help"), self.exit)


def create_app(workspace: Workspace, *, high_contrast: bool = False) -> TrainerApp:
    """Build the app on an open workspace (the CLI and the tests both use this)."""
    return TrainerApp(workspace, high_contrast=high_contrast)
