"""Domain commands for the command palette (Ctrl+P), in the current language.

Register with ``COMMANDS = App.COMMANDS | {TrainerCommands}`` on the app: the general commands
(help, high contrast, quit) stay in ``TrainerApp.get_system_commands``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from trainer_tui.domain.people import Trainee
from trainer_tui.i18n import t
from trainer_tui.services.records import TRAINEE

if TYPE_CHECKING:
    from trainer_tui.ui.app import TrainerApp
    from trainer_tui.ui.screens.dashboard import DashboardScreen


def fold(text: str) -> str:
    """``text`` without accents nor capitals, letter for letter (``Séance`` → ``seance``)."""
    return "".join(unicodedata.normalize("NFD", c)[0].lower()[:1] or c for c in text)


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One palette entry: its text, its help line, what it does, shown before typing or not."""

    text: str
    help: str
    run: Callable[[], object]
    discover: bool = True


class TrainerCommands(Provider):
    """Go to a trainee, new session, rate, sync, catalogue, trainees, switch cohort."""

    _commands: list[PaletteCommand] | None = None

    @property
    def trainer_app(self) -> TrainerApp:
        """The running app, typed."""
        return self.app  # type: ignore[return-value]

    async def startup(self) -> None:
        """Build the command list once per opening of the palette, not per keystroke."""
        self._commands = self.commands()

    def _dashboard(self) -> DashboardScreen | None:
        from trainer_tui.ui.screens.dashboard import DashboardScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, DashboardScreen):
                return screen
        return None

    def commands(self) -> list[PaletteCommand]:
        """Every command that makes sense on the current screen, main ones first."""
        if getattr(self.screen, "busy", False):
            return []  # a sync is merging data: nothing may read or change it meanwhile
        found: list[PaletteCommand] = []
        dashboard = self._dashboard()
        if dashboard is not None:
            found += [
                PaletteCommand(
                    t("ui.palette.new_session"),
                    t("ui.palette.new_session_help"),
                    dashboard.action_new_session,
                ),
                PaletteCommand(
                    t("ui.palette.rate"), t("ui.palette.rate_help"), dashboard.action_new_session
                ),
            ]
        from trainer_tui.ui.screens.sync import SyncScreen
        from trainer_tui.ui.screens.trainee import TraineeScreen

        if isinstance(self.screen, TraineeScreen):
            found.append(
                PaletteCommand(
                    t("ui.palette.record"),
                    t("ui.palette.record_help"),
                    self.screen.action_export_record,
                )
            )
        if not isinstance(self.screen, SyncScreen):
            found.append(
                PaletteCommand(t("ui.palette.sync"), t("ui.palette.sync_help"), self._open_sync)
            )
        if dashboard is not None:
            found += [
                PaletteCommand(
                    t("ui.palette.catalogue"),
                    t("ui.palette.catalogue_help"),
                    dashboard.action_catalogue,
                ),
                PaletteCommand(
                    t("ui.palette.roster"), t("ui.palette.roster_help"), dashboard.action_roster
                ),
                PaletteCommand(
                    t("ui.palette.documents"),
                    t("ui.palette.documents_help"),
                    dashboard.action_documents,
                ),
                PaletteCommand(
                    t("ui.palette.switch_cohort"),
                    t("ui.palette.switch_cohort_help"),
                    dashboard.action_switch_cohort,
                ),
            ]
            found += self._trainee_commands()
        return found

    def _trainee_commands(self) -> list[PaletteCommand]:
        app = self.trainer_app
        cohort = app.cohort
        if cohort is None:
            return []
        trainees = sorted(
            app.workspace.records(cohort.id, TRAINEE, Trainee),
            key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id),
        )
        commands = []
        for trainee in trainees:
            name = f"{trainee.first_name} {trainee.last_name.upper()}"
            commands.append(
                PaletteCommand(
                    t("ui.palette.trainee", name=name, code=trainee.code),
                    t("ui.palette.trainee_help", name=name),
                    self._opener(trainee.id),
                    discover=False,
                )
            )
        return commands

    def _opener(self, trainee_id: str) -> Callable[[], None]:
        def open_trainee() -> None:
            from trainer_tui.ui.screens.trainee import TraineeScreen

            cohort = self.trainer_app.cohort
            if cohort is not None:
                self.app.push_screen(TraineeScreen(cohort, trainee_id))

        return open_trainee

    def _open_sync(self) -> None:
        from trainer_tui.ui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen())

    def _all(self) -> list[PaletteCommand]:
        if self._commands is None:
            self._commands = self.commands()
        return self._commands

    async def discover(self) -> Hits:
        """The main commands, before anything is typed."""
        for command in self._all():
            if command.discover:
                yield DiscoveryHit(command.text, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Every command whose text matches ``query``, fuzzily, ignoring accents and capitals."""
        matcher = self.matcher(fold(query))
        for command in self._all():
            score, offsets = matcher.fuzzy_search.match(matcher.query, fold(command.text))
            if score > 0:
                display = Content(command.text)
                for offset in offsets:
                    if not command.text[offset].isspace():
                        display = display.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, display, command.run, text=command.text, help=command.help)
