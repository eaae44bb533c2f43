"""A QR code drawn in the terminal, black on white, that a phone scans from the screen."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from trainer_tui.exports.qr import half_block_rows, qr_matrix

DARK = "#000000"
LIGHT = "#ffffff"
#: "▀" painted in the top module's colour over the bottom module's: two modules per cell.
UPPER_HALF = "▀"


def qr_text(content: str) -> Text:
    """The code as terminal text: explicit colours, whatever the theme (even high contrast)."""
    text = Text(no_wrap=True, overflow="crop")
    styles = {
        (top, bottom): Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT)
        for top in (False, True)
        for bottom in (False, True)
    }
    rows = half_block_rows(qr_matrix(content))
    for number, row in enumerate(rows):
        for cell in row:
            text.append(UPPER_HALF, styles[cell])
        if number < len(rows) - 1:
            text.append("\n")
    return text


class QrView(Static):
    """Shows ``content`` as a QR code; its size is the code's, in cells."""

    DEFAULT_CSS = """
    QrView { width: auto; height: auto; }
    """

    def __init__(self, content: str, **kwargs: object) -> None:
        self.code = qr_text(content)
        super().__init__(self.code, **kwargs)  # type: ignore[arg-type]

    @property
    def cells(self) -> tuple[int, int]:
        """Width and height of the code in terminal cells."""
        lines = self.code.plain.split("\n")
        return len(lines[0]), len(lines)
