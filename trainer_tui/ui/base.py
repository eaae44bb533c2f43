"""Base classes shared by every screen: translated key labels and per-screen help."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from trainer_tui.i18n import has, t
from trainer_tui.startup import start_up_done

if TYPE_CHECKING:
    from trainer_tui.ui.app import TrainerApp


def translate(text: str) -> str:
    """A message key (``ui.key.help``) in the current language; other text as it is."""
    return t(text) if has(text) else text


class TranslatedBindings:
    """Show binding descriptions through the message catalogue.

    Bindings are declared with message keys as descriptions (class attributes are built once,
    at import); the footer and the help panel see them in the language chosen at run time.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The screen's bindings with their descriptions translated."""
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        translated = {}
        for key, active in bindings.items():
            binding = replace(
                active.binding,
                description=translate(active.binding.description),
                tooltip=translate(active.binding.tooltip),
            )
            translated[key] = active._replace(binding=binding, tooltip=translate(active.tooltip))
        return translated


class TrainerScreen(TranslatedBindings, Screen[Any]):
    """A full screen of the app. ``HELP_KEY`` names its help text in the message catalogue."""

    HELP_KEY = "help.general"

    @property
    def trainer_app(self) -> TrainerApp:
        """The running app, typed."""
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        """Once the first screen has been drawn, the app's start-up is over.

        Textual calls this after the screen's own ``on_screen_resume`` (which loads its data).
        """
        self.call_after_refresh(start_up_done)


class TrainerModal(TranslatedBindings, ModalScreen[Any]):
    """A dialog over the current screen."""

    HELP_KEY = "help.general"
    #: Focus the first field, not the scrolling container around the dialog.
    AUTO_FOCUS = "Input, OptionList, DataTable, Button"

    @property
    def trainer_app(self) -> TrainerApp:
        """The running app, typed."""
        return self.app  # type: ignore[return-value]
