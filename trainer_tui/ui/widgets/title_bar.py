"""The line at the top of every screen: the app, the cohort, the campus."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """``trainer-tui — Promo octobre 2026 — Saint-Denis``, on one line.

    Textual's Header (an icon, a clock space, a title reacting to the app's title) costs
    about 50 ms to set up, a tenth of what trainer-tui adds to a bare Textual app's start-up;
    this line shows the same words. Screens are rebuilt when the cohort or the language
    changes, so the text is read when the screen is composed.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        """Show the screen's title and subtitle (else the app's), as Textual's Header does."""
        title = self.screen.title or self.app.title
        subtitle = self.screen.sub_title or self.app.sub_title
        self.update(f"{title} — {subtitle}" if subtitle else title)
