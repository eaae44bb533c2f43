"""Progress sheets: one A4 page per trainee, with bars per block, hours and a QR code.

The QR code is drawn as vector squares (no image), so it stays sharp at any print size; it
is 45 mm wide, which a phone reads from a desk at arm's length up to version 10.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from trainer_tui.exports.documents import ProgressSheet
from trainer_tui.exports.pdf_layout import FAMILY, GREY, DocumentPDF
from trainer_tui.exports.pdf_text import hours_text, line_height, long_date
from trainer_tui.exports.qr import draw_qr
from trainer_tui.i18n import t

QR_SIZE = 45.0  # mm
BAR_WIDTH = 70.0  # mm
GREEN = (46, 125, 50)
LIGHT = (225, 225, 225)


def _one_line(pdf: DocumentPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _bar(pdf: DocumentPDF, x: float, y: float, share: float) -> None:
    pdf.set_fill_color(*LIGHT)
    pdf.rect(x, y, BAR_WIDTH, 3.2, style="F")
    if share > 0:
        pdf.set_fill_color(*GREEN)
        pdf.rect(x, y, BAR_WIDTH * min(1.0, share), 3.2, style="F")


def _skills(pdf: DocumentPDF, title: str, lines: Sequence[str], width: float, room: float) -> None:
    """A titled list, shrunk (then cut with an ellipsis) to fit ``room`` mm."""
    x = pdf.get_x()
    pdf.write_text(width, title, 9.5, bold=True)
    pdf.set_x(x)
    text = "\n".join(f"• {line}" for line in lines) or t("doc.progress.none")
    size, fitted = pdf.fit(text, width, 8, room - 6)
    # The lines are already wrapped: drawn one by one (fpdf2's own wrapping is slow).
    pdf.set_font(FAMILY, "", size)
    pdf.set_text_color(*((0, 0, 0) if lines else GREY))
    for line in fitted:
        pdf.set_x(x)
        pdf.cell(width, line_height(size), line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0)


def _page(pdf: DocumentPDF, sheet: ProgressSheet) -> None:
    pdf.start_page(
        title=t("doc.progress.title"),
        details=[(f"{sheet.trainee} — {sheet.code}", True), (long_date(sheet.issued_on), False)],
        issued_on=sheet.issued_on,
    )
    left, top = pdf.l_margin, pdf.get_y() + 2
    width = pdf.w - pdf.l_margin - pdf.r_margin
    qr_x = pdf.w - pdf.r_margin - QR_SIZE
    draw_qr(pdf, sheet.qr_content, qr_x, top, QR_SIZE)
    pdf.set_xy(qr_x, top + QR_SIZE + 1)
    caption = "doc.progress.qr_signed" if sheet.qr_signed else "doc.progress.qr_summary"
    pdf.write_text(QR_SIZE, t(caption), 6.5, color=GREY, align="C")

    pdf.set_xy(left, top)
    text_width = qr_x - left - 6
    pdf.write_text(text_width, t("doc.progress.blocks"), 10, bold=True)
    y = pdf.get_y() + 1
    for block in sheet.blocks:
        share = block.proficient / block.total if block.total else 0.0
        pdf.set_xy(left, y)
        pdf.set_font(FAMILY, "", 8)
        pdf.cell(48, 3.4, _one_line(pdf, f"{block.block_id} {block.title}", 47))
        _bar(pdf, left + 49, y + 0.1, share)
        pdf.set_xy(left + 49 + BAR_WIDTH + 2, y)
        pdf.cell(20, 3.4, f"{block.proficient}/{block.total}")
        y += 4.6
    pdf.set_xy(left, y + 2)
    hours = t(
        "doc.progress.hours",
        training=hours_text(sheet.training_minutes),
        target=hours_text(sheet.programme.target_minutes),
        driving=hours_text(sheet.driving_minutes),
        driving_target=hours_text(sheet.driving_target_minutes),
    )
    pdf.write_text(text_width, hours, 9)
    start = max(pdf.get_y(), top + QR_SIZE + 8) + 3
    box_y = pdf.h - pdf.b_margin - 24
    column = (width - 6) / 2
    acquired = t("doc.progress.acquired", count=sheet.acquired_count)
    pdf.set_xy(left, start)
    _skills(pdf, acquired, sheet.acquired, column, box_y - start - 3)
    pdf.set_xy(left + column + 6, start)
    in_progress = t("doc.progress.in_progress", count=len(sheet.in_progress))
    _skills(pdf, in_progress, sheet.in_progress, column, box_y - start - 3)
    pdf.signature_box(pdf.w - pdf.r_margin - 80, box_y, 80, 20, t("doc.progress.signature"))


def render_progress_sheets(sheets: Sequence[ProgressSheet]) -> bytes:
    """The sheets of ``sheets``, one page each, in one PDF."""
    if not sheets:
        raise ValueError("no progress sheet to draw")
    first = sheets[0]
    title = t("doc.progress.title")
    pdf = DocumentPDF(first.organisation, first.programme, issued_on=first.issued_on, title=title)
    for sheet in sheets:
        _page(pdf, sheet)
    return pdf.pdf_bytes()
