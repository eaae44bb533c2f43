"""A trainee's progress QR code on the laptop's screen, for their phone to scan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import t
from trainer_tui.services import progress_codes
from trainer_tui.services.preferences import paperwork
from trainer_tui.ui.base import TrainerModal
from trainer_tui.ui.widgets.qr_view import QrView


class QrScreen(TrainerModal):
    """The code fills the screen; Escape closes it."""

    HELP_KEY = "help.qr"
    BINDINGS = [Binding("escape", "close", "ui.key.back"), Binding("q", "close", "ui.key.back")]
    DEFAULT_CSS = """
    QrScreen { align: center middle; background: $background 90%; }
    QrScreen #qr-frame { width: auto; height: auto; align-horizontal: center; }
    QrScreen #qr-box { width: auto; height: auto; background: #ffffff; padding: 0 2; }
    QrScreen #qr-caption { width: 80; max-width: 100%; color: $text; padding: 0 1; }
    QrScreen #qr-small { width: 80; max-width: 100%; color: $warning; padding: 1 2; }
    """

    def __init__(self, cohort: Cohort, trainee: Trainee) -> None:
        super().__init__()
        self.cohort = cohort
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        """The code, or why it cannot show here; then what it holds."""
        ws = self.trainer_app.workspace
        content = progress_codes.qr_content(ws, self.cohort, self.trainee)
        view = QrView(content, id="qr")
        width, height = view.cells
        with Vertical(id="qr-frame"):
            if width + 4 > self.app.size.width or height + 2 > self.app.size.height:
                # A code cut by the screen's edge cannot be read: say how big it needs to be.
                yield Static(
                    t("ui.qr.too_small", columns=width + 4, lines=height + 2), id="qr-small"
                )
            else:
                with Vertical(id="qr-box"):
                    yield view
            key = "ui.qr.signed" if paperwork(ws).viewer_url else "ui.qr.summary"
            yield Static(t(key, name=self.trainee.full_name), id="qr-caption")

    def action_close(self) -> None:
        """Back to the trainee file."""
        self.dismiss(None)
