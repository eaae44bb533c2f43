"""The progress QR code on screen: a phone must read it from the terminal's cells."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from rich.color import Color

from trainer_tui.services import preferences
from trainer_tui.ui.app import TrainerApp
from trainer_tui.ui.screens.qr_screen import QrScreen
from trainer_tui.ui.widgets.qr_view import UPPER_HALF, QrView

PIXELS = 6  # per half cell, as a screen shows it to a camera


def rasterise(view: QrView) -> Image.Image:
    """The widget's rendered cells as a picture: each "▀" cell is its two colours stacked."""
    width, height = view.size.width, view.size.height
    image = Image.new("RGB", (width * PIXELS, height * 2 * PIXELS), "white")
    for y in range(height):
        x = 0
        for segment in view.render_line(y):
            style = segment.style
            for character in segment.text:
                top = style.color if style and style.color else Color.parse("white")
                bottom = style.bgcolor if style and style.bgcolor else Color.parse("white")
                if character != UPPER_HALF:
                    top = bottom
                for half, colour in ((0, top), (1, bottom)):
                    rgb = colour.get_truecolor()
                    box = (x * PIXELS, (2 * y + half) * PIXELS)
                    image.paste(
                        (rgb.red, rgb.green, rgb.blue),
                        (*box, box[0] + PIXELS, box[1] + PIXELS),
                    )
                x += 1
    return image


async def test_the_code_on_screen_reads_back_as_the_signed_link(demo_app: TrainerApp) -> None:
    ws = demo_app.workspace
    preferences.set_paperwork(ws, "viewer_url", "https://fibre.example/p.html")
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first trainee's file
        await pilot.pause()
        trainee = demo_app.screen.trainee  # type: ignore[attr-defined]
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(demo_app.screen, QrScreen)
        view = demo_app.screen.query_one(QrView)
        found = zxingcpp.read_barcodes(rasterise(view))
        assert len(found) == 1
        link = found[0].text
        assert link.startswith("https://fibre.example/p.html#")
        from trainer_tui.services.progress_codes import check_code

        checked = check_code(ws, link)
        assert checked.verdict.authentic and checked.verdict.payload.code == trainee.code
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(demo_app.screen, QrScreen)


async def test_a_terminal_too_small_says_so_instead_of_a_cut_code(demo_app: TrainerApp) -> None:
    preferences.set_paperwork(demo_app.workspace, "viewer_url", "https://fibre.example/p.html")
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(demo_app.screen, QrScreen)
        assert not demo_app.screen.query(QrView)
        assert "agrandissez" in str(demo_app.screen.query_one("#qr-small").render())
