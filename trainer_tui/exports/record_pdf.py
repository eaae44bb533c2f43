"""Attestation de compétences: a trainee's skills for an employer, as an A4 PDF.

The first page names the organisation, the trainee, the programme, its dates and the hours
done, beside the trainee's signed progress QR code; then one table per block of the
catalogue (each skill's level, the date and author of the assessment that set it, the value
measured); then the place, date and signature. Tables run onto as many pages as they need,
their headings repeated. The file is signed afterwards (:mod:`record_signing`).
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer_tui.exports.pdf_layout import GREY, Cell, Column, DocumentPDF
from trainer_tui.exports.pdf_text import hours_text, long_date
from trainer_tui.exports.qr import draw_qr
from trainer_tui.exports.record_csv import measured_text
from trainer_tui.exports.skill_record import RecordBlock, RecordSkill, SkillRecord
from trainer_tui.i18n import format_date, t

QR_SIZE = 36.0  # mm: a signed code (QR version 10) still reads from arm's length
#: Height a block needs to start on a page: its title, the table heading and two rows.
BLOCK_START_ROOM = 24.0
#: A block's title line, and the gap under it.
BLOCK_TITLE = 5.3
ROW_SIZE = 8.0
HEADING_SIZE = 7.5
ROW_MIN = 5.0
#: Height of the closing lines: place and date, then the signature box.
CLOSING_ROOM = 38.0


def _columns() -> list[Column]:
    return [
        Column(t("record.pdf.col.skill"), 16),
        Column(t("record.pdf.col.title"), 63),
        Column(t("record.pdf.col.level"), 41),
        Column(t("record.pdf.col.date"), 19, "C"),
        Column(t("record.pdf.col.assessor"), 28),
        Column(t("record.pdf.col.measure"), 19, "R"),
    ]


def _skill_row(skill: RecordSkill) -> list[Cell]:
    if skill.assessed_on is None or skill.level == 0:
        level = Cell(skill.level_label, grey=True)  # never observed
    else:
        level = Cell(f"{skill.level} {skill.level_label}", bold=skill.proficient)
    measure = ""
    if skill.measured_value is not None:
        measure = f"{measured_text(skill.measured_value)}\u00a0{skill.unit}".strip()
    return [
        Cell(skill.skill_id),
        Cell(skill.title),
        level,
        Cell(format_date(skill.assessed_on) if skill.assessed_on else ""),
        Cell(skill.assessor),
        Cell(measure),
    ]


def _facts(record: SkillRecord) -> list[tuple[str, bool]]:
    """The lines beside the QR code: who, which programme, when, how many hours."""
    programme = record.programme
    lines = [
        (t("record.pdf.trainee", name=record.full_name, code=record.code), True),
        (
            t(
                "record.pdf.programme",
                title=programme.title,
                catalogue=record.catalogue_id,
                version=record.catalogue_version,
            ),
            False,
        ),
        (
            t(
                "record.pdf.cohort",
                cohort=programme.cohort,
                start=format_date(programme.start),
                end=format_date(programme.end),
            ),
            False,
        ),
        (
            t(
                "record.pdf.training",
                done=hours_text(record.training_minutes),
                target=hours_text(programme.target_minutes),
            ),
            False,
        ),
        (
            t(
                "record.pdf.driving",
                done=hours_text(record.driving_minutes),
                target=hours_text(record.driving_target_minutes),
            ),
            False,
        ),
        (t("record.pdf.acquired", proficient=record.proficient, total=record.total), True),
    ]
    if record.left_on is not None:
        lines.append((t("record.pdf.left", date=format_date(record.left_on)), True))
    return lines


def _first_part(pdf: DocumentPDF, record: SkillRecord) -> None:
    """The facts beside the QR code and its caption, then how to read the tables."""
    left, top = pdf.l_margin, pdf.get_y() + 1
    qr_x = pdf.w - pdf.r_margin - QR_SIZE
    bottom = top
    if record.qr_content:
        draw_qr(pdf, record.qr_content, qr_x, top, QR_SIZE)
        pdf.set_xy(qr_x - 2, top + QR_SIZE + 0.5)
        pdf.write_text(QR_SIZE + 4, t("record.pdf.qr_caption"), 6.5, color=GREY, align="C")
        bottom = pdf.get_y()
    pdf.set_xy(left, top + 1)
    for text, bold in _facts(record):
        pdf.write_text(qr_x - left - 6, text, 10 if bold else 9.5, bold=bold)
        pdf.set_y(pdf.get_y() + 0.8)
    scale = ", ".join(f"{level} {label}" for level, label in record.scale if level)
    proficient = dict(record.scale).get(record.proficient_from, "")
    legend = t(
        "record.pdf.legend",
        scale=scale,
        proficient=f"{record.proficient_from} {proficient}",
    )
    pdf.set_xy(left, max(pdf.get_y() + 1.5, bottom + 2))
    pdf.write_text(pdf.epw, legend, 8, color=GREY)
    pdf.set_y(pdf.get_y() + 3)


def _table_height(pdf: DocumentPDF, columns: list[Column], rows: list[list[Cell]]) -> float:
    """The height :meth:`DocumentPDF.draw_table` gives these rows, heading included."""
    scale = pdf.epw / sum(column.width for column in columns)
    widths = [column.width * scale for column in columns]
    headings = [Cell(column.title, bold=True) for column in columns]

    def height(cells: list[Cell], size: float, least: float) -> float:
        return max(
            least, *(pdf.cell_height(c, w, size) for c, w in zip(cells, widths, strict=True))
        )

    return height(headings, HEADING_SIZE, 6) + sum(height(row, ROW_SIZE, ROW_MIN) for row in rows)


def _block(pdf: DocumentPDF, block: RecordBlock, page_top: float) -> None:
    """The block's title and table, on a new page when it would be cut but fits a page.

    ``page_top`` is where a page's content starts, under its header.
    """
    columns = _columns()
    rows = [_skill_row(skill) for skill in block.skills]
    needed = BLOCK_TITLE + _table_height(pdf, columns, rows)
    room = pdf.page_break_trigger - pdf.get_y()
    whole_page = pdf.page_break_trigger - page_top
    if needed > room and (needed <= whole_page or room < BLOCK_START_ROOM):
        pdf.start_page()
    heading = t(
        "record.pdf.block",
        id=block.block_id,
        title=block.title,
        proficient=block.proficient,
        total=block.total,
    )
    pdf.set_x(pdf.l_margin)
    pdf.write_text(pdf.epw, heading, 10, bold=True)
    pdf.set_y(pdf.get_y() + 0.8)
    pdf.draw_table(columns, rows, size=ROW_SIZE, heading_size=HEADING_SIZE, min_row_height=ROW_MIN)
    pdf.set_y(pdf.get_y() + 4)


def _closing(pdf: DocumentPDF, record: SkillRecord) -> None:
    if pdf.get_y() + CLOSING_ROOM > pdf.page_break_trigger:
        pdf.start_page()
    left = pdf.l_margin
    date = format_date(record.issued_on)
    done = (
        t("record.pdf.done_at", place=record.place, date=date)
        if record.place
        else t("record.pdf.done", date=date)
    )
    pdf.set_xy(left, pdf.get_y() + 1)
    pdf.write_text(pdf.epw, t("record.pdf.certify", organisation=record.organisation.name), 9.5)
    pdf.set_xy(left, pdf.get_y() + 2)
    pdf.write_text(pdf.epw, done, 9.5)
    width = 85.0
    pdf.signature_box(
        left + pdf.epw - width, pdf.get_y() + 2, width, 26, t("record.pdf.stamp"), record.signatory
    )


def _record(pdf: DocumentPDF, record: SkillRecord) -> None:
    pdf.start_page(
        organisation=record.organisation,
        programme=record.programme,
        issued_on=record.issued_on,
        details=[
            (f"{record.full_name} — {record.code}", True),
            (t("record.pdf.as_of", date=long_date(record.issued_on)), False),
        ],
    )
    page_top = pdf.get_y()
    _first_part(pdf, record)
    for block in record.blocks:
        _block(pdf, block, page_top)
    _closing(pdf, record)


def render_record_pdf(records: Sequence[SkillRecord]) -> bytes:
    """The attestation of each record (new page each), in one PDF (unsigned)."""
    if not records:
        raise ValueError("no record to draw")
    first = records[0]
    title = t("record.pdf.title")
    pdf = DocumentPDF(first.organisation, first.programme, issued_on=first.issued_on, title=title)
    pdf.set_subject(t("record.pdf.subject", name=first.full_name, code=first.code))
    for record in records:
        _record(pdf, record)
    return pdf.pdf_bytes()
