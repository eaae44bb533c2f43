"""QR codes as module grids, PNG images and terminal half blocks (the ``qrcode`` package).

Error correction M (15 % of the code may be damaged): a printed sheet gets folded and
stained, and level M keeps a signed progress code within version 10 (57 × 57 modules).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import qrcode
from qrcode.constants import ERROR_CORRECT_M

if TYPE_CHECKING:
    from fpdf import FPDF

#: The blank margin scanners need around a code, in modules (the standard asks for 4).
QUIET_ZONE = 4


def qr_matrix(content: str) -> list[list[bool]]:
    """The code's modules (``True`` = dark), quiet zone included."""
    # The data mask is chosen by the standard's penalty rules (the code is drawn 8 times,
    # 20 ms): a fixed mask was faster but now and then made a code scanners could not read.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(content.encode("utf-8"))
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_version(content: str) -> int:
    """The smallest QR version holding ``content`` at level M."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(content.encode("utf-8"))
    code.make(fit=True)
    return int(code.version)


def qr_png(content: str, scale: int = 8) -> bytes:
    """The code as a black-on-white PNG, ``scale`` pixels per module."""
    from PIL import Image  # Pillow comes with fpdf2; only PNG output needs it

    matrix = qr_matrix(content)
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    image = image.resize((size * scale, size * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def half_block_rows(matrix: list[list[bool]]) -> list[list[tuple[bool, bool]]]:
    """Pairs of module rows as terminal cells: each cell is (top dark, bottom dark).

    A terminal cell is about twice as tall as wide, so one character per two modules keeps
    the code square; the screen draws each cell as "▀" coloured top over bottom.
    """
    rows = [*matrix, [False] * len(matrix[0])] if len(matrix) % 2 else matrix
    return [list(zip(rows[y], rows[y + 1], strict=True)) for y in range(0, len(rows), 2)]


def draw_qr(pdf: FPDF, content: str, x: float, y: float, size: float) -> None:
    """The code as vector squares on a PDF page (sharp at any print size), ``size`` mm wide."""
    matrix = qr_matrix(content)
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row_number, row in enumerate(matrix):
        start = None
        # One rectangle per run of dark modules on a row: fewer drawing operations.
        for column, dark in enumerate([*row, False]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                pdf.rect(
                    x + start * module,
                    y + row_number * module,
                    (column - start) * module,
                    module,
                    style="F",
                )
                start = None
