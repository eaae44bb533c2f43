"""The footer of every screen: Textual's, redrawn only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[Hashable, ...]:
    """What the footer displays for ``screen``: each shown key, its label and state."""
    return tuple(
        (
            binding.key,
            binding.action,
            binding.description,
            binding.tooltip,
            tooltip,
            enabled,
            binding.group,
        )
        for binding, enabled, tooltip in (
            (active.binding, active.enabled, active.tooltip)
            for active in screen.active_bindings.values()
        )
        if binding.show or binding.key == screen.app.COMMAND_PALETTE_BINDING
    )


class KeysFooter(Footer):
    """Textual's footer, without its redundant redraws.

    Textual's footer is drawn empty, then rebuilds its key widgets every time the bindings *may*
    have changed: each focus change, each screen shown. Opening the dashboard rebuilt it three
    times for the same eight keys and painted the screen twice, about a fifth of the start-up
    budget; moving between the fields of a form rebuilt it on every Tab. This footer shows its
    keys from its first paint and rebuilds only when what it shows differs.
    """

    def __init__(self) -> None:
        super().__init__()
        self._composed_for: tuple[Hashable, ...] | None = None
        # Textual's footer starts empty and fills itself after the first paint, which costs
        # a second full paint of the screen. The screen's keys are known from the start.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        """Textual's keys, remembering which bindings they were built from."""
        if self._bindings_ready:
            self._composed_for = shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw only if the keys to show are not those already shown."""
        if (
            self._composed_for is not None
            and self.is_attached
            and screen is self.screen
            and shown_keys(screen) == self._composed_for
        ):
            return
        super().bindings_changed(screen)
