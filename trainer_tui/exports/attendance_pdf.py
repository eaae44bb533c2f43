"""Attendance paperwork: half-day and weekly sign-in sheets, and the attendance summary.

The "feuille d'émargement" is the proof of attendance funders ask for: one signature per
trainee and per half-day, and the trainer's. Sheets can be printed blank before the session
(statuses left empty) or afterwards with the statuses recorded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from trainer_tui.exports.documents import (
    AttendanceSummary,
    HalfDaySheet,
    SheetLine,
    SheetStatus,
    WeekSheet,
)
from trainer_tui.exports.pdf_layout import GREY, Cell, Column, DocumentPDF
from trainer_tui.exports.pdf_text import hours_text, line_height, long_date, short_day, time_range
from trainer_tui.i18n import decimal, format_date, t

#: Room kept under a half-day table for the trainer's signature box, in mm.
_TRAINER_BLOCK = 34.0


def status_text(line: SheetLine) -> str:
    """The status as printed on a half-day sheet, empty for a sheet printed blank."""
    if line.status is None:
        return ""
    if line.status == "late" and line.late_minutes:
        parts = [t("doc.status.late_minutes", minutes=line.late_minutes)]
    else:
        parts = [t(f"doc.status.{line.status}")]
    if line.left_early_minutes:
        parts.append(t("doc.status.left_early", minutes=line.left_early_minutes))
    return t("doc.format.list_separator").join(parts)


def _corner_status(status: SheetStatus) -> str:
    """The status tag of a weekly cell: present (or unknown) stays blank for the signature."""
    return "" if status in (None, "present") else t(f"doc.status.{status}")


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def render_half_day_sheets(sheets: Sequence[HalfDaySheet]) -> bytes:
    """One A4 portrait sign-in sheet per session, all in one PDF.

    Each page shows the session (date, morning or afternoon, times, subject, trainer), a line
    per trainee with a signature box 10 to 13 mm tall, and the trainer's signature box. A
    sheet of more trainees than a page holds continues on the next page.
    """
    if not sheets:
        raise ValueError("no sheet to render")
    first = sheets[0]
    pdf = DocumentPDF(
        first.organisation,
        first.programme,
        issued_on=max(sheet.date for sheet in sheets),
        title=t("doc.sheet.title"),
    )
    columns = [
        Column(t("doc.sheet.col_number"), 8, "C"),
        Column(t("doc.sheet.col_name"), 58),
        Column(t("doc.sheet.col_code"), 22, "C"),
        Column(t("doc.sheet.col_status"), 40),
        Column(t("doc.sheet.col_signature"), 58),
    ]
    for sheet in sheets:
        when = t(
            "doc.sheet.session",
            date=long_date(sheet.date),
            half_day=t(f"doc.half_day.{sheet.half_day}"),
            times=time_range(sheet.start, sheet.end),
        )
        pdf.start_page(
            organisation=sheet.organisation,
            programme=sheet.programme,
            issued_on=sheet.date,
            details=[
                (when, True),
                (t("doc.sheet.subject", subject=sheet.subject), False),
                (t("doc.sheet.trainer", trainer=sheet.trainer), False),
            ],
        )
        rows = [
            [
                Cell(str(number)),
                Cell(line.name, bold=True),
                Cell(line.code),
                Cell(status_text(line)),
                Cell(),
            ]
            for number, line in enumerate(sheet.lines, start=1)
        ]
        # Rows share the page's free height, within what one can sign in (10 to 13 mm).
        room = pdf.page_break_trigger - pdf.get_y() - 8 - _TRAINER_BLOCK
        pdf.draw_table(columns, rows, size=9, row_height=_clamp(room / max(len(rows), 1), 10, 13))
        if pdf.get_y() + _TRAINER_BLOCK > pdf.page_break_trigger:
            pdf.start_page(details=pdf.details)
        y = pdf.get_y() + 5
        pdf.set_xy(pdf.l_margin, y + 2)
        pdf.write_text(90, t("doc.sheet.trainer", trainer=sheet.trainer), 10, bold=True)
        width = 85
        label = t("doc.signature.trainer")
        pdf.signature_box(pdf.l_margin + pdf.epw - width, y, width, 27, label)
    return pdf.pdf_bytes()


def render_week_sheet(sheet: WeekSheet) -> bytes:
    """An A4 landscape sign-in sheet of a week: trainees by half-days, one box per cell.

    A known status other than present shows small in the cell corner; the last row is for
    the trainer's signature per half-day, and the legend under the table gives each
    half-day's subject and trainer. Sixteen trainees by ten half-days fit one page.
    """
    pdf = DocumentPDF(
        sheet.organisation,
        sheet.programme,
        issued_on=max([sheet.monday, *(slot.date for slot in sheet.slots)]),
        title=t("doc.week.title"),
        landscape=True,
    )
    pdf.set_margins(10, 8, 10)
    pdf.start_page(details=[(t("doc.week.week_of", date=long_date(sheet.monday)), True)])
    count = len(sheet.slots)
    name_width, code_width = 50.0, 17.0
    slot_width = (pdf.epw - name_width - code_width) / max(count, 1)
    columns = [
        Column(t("doc.week.col_name"), name_width),
        Column(t("doc.week.col_code"), code_width, "C"),
    ] + [
        Column(
            "\n".join(
                (
                    short_day(slot.date),
                    t(f"doc.half_day.{slot.half_day}"),
                    time_range(slot.start, slot.end),
                )
            ),
            slot_width,
            "C",
        )
        for slot in sheet.slots
    ]
    rows = [
        [Cell(line.name, bold=True), Cell(line.code)]
        + [
            Cell(corner=_corner_status(status))
            for status in (*line.statuses, *[None] * count)[:count]
        ]
        for line in sheet.lines
    ]
    rows.append([Cell(t("doc.week.trainer_row"), bold=True), Cell()] + [Cell()] * count)
    legend_rows = math.ceil(count / 2)
    legend_height = 8 + legend_rows * line_height(7)
    heading = 16.5  # four lines of 7 pt: day, half-day, start and end times
    room = pdf.page_break_trigger - pdf.get_y() - heading - legend_height
    pdf.draw_table(
        columns, rows, size=8, heading_size=7, row_height=_clamp(room / len(rows), 7, 12)
    )
    if pdf.get_y() + legend_height > pdf.page_break_trigger:
        pdf.start_page(details=pdf.details)
    pdf.set_xy(pdf.l_margin, pdf.get_y() + 1.5)
    pdf.write_text(pdf.epw, t("doc.week.present_note"), 6.5, color=GREY)
    pdf.write_text(pdf.epw, t("doc.week.legend_title"), 7.5, bold=True)
    half = pdf.epw / 2
    top = pdf.get_y()
    for index, slot in enumerate(sheet.slots):
        text = t(
            "doc.week.legend_line",
            day=short_day(slot.date),
            half_day=t(f"doc.half_day.{slot.half_day}"),
            subject=slot.subject,
            trainer=slot.trainer,
        )
        size, lines = pdf.fit(text, half - 3, 7, line_height(7))
        pdf.set_font_size(size)
        column, line = divmod(index, legend_rows)
        pdf.set_xy(pdf.l_margin + column * half, top + line * line_height(7))
        pdf.cell(half - 3, line_height(7), lines[0])
    return pdf.pdf_bytes()


def render_attendance_summary(summary: AttendanceSummary) -> bytes:
    """Hours scheduled, attended, excused and not, late arrivals and rate, per trainee.

    The header gives the date of the figures and the programme's target in hours; a totals
    line closes the table.
    """
    pdf = DocumentPDF(
        summary.organisation,
        summary.programme,
        issued_on=summary.as_of,
        title=t("doc.summary.title"),
    )
    target = t("doc.summary.target", hours=hours_text(summary.programme.target_minutes))
    pdf.start_page(
        details=[(t("doc.summary.as_of", date=format_date(summary.as_of)), True), (target, True)]
    )
    columns = [
        Column(t("doc.summary.col_name"), 50),
        Column(t("doc.summary.col_code"), 18, "C"),
        Column(t("doc.summary.col_scheduled"), 17, "R"),
        Column(t("doc.summary.col_attended"), 17, "R"),
        Column(t("doc.summary.col_excused"), 19, "R"),
        Column(t("doc.summary.col_absent"), 19, "R"),
        Column(t("doc.summary.col_late"), 15, "R"),
        Column(t("doc.summary.col_rate"), 18, "R"),
    ]

    def figures(scheduled: int, attended: int, excused: int, absent: int, late: int) -> list[Cell]:
        rate = t("doc.format.none")
        if scheduled:
            rate = t("doc.format.percent", value=decimal(100 * attended / scheduled, 1))
        texts = [hours_text(m) for m in (scheduled, attended, excused, absent)]
        return [Cell(text) for text in texts] + [Cell(str(late)), Cell(rate)]

    rows = [
        [
            Cell(
                line.name,
                note=t("doc.summary.left", date=format_date(line.left_on)) if line.left_on else "",
                bold=True,
            ),
            Cell(line.code),
            *figures(
                line.scheduled_minutes,
                line.attended_minutes,
                line.excused_minutes,
                line.absent_minutes,
                line.late_count,
            ),
        ]
        for line in summary.lines
    ]
    totals = figures(
        *(
            sum(getattr(line, field) for line in summary.lines)
            for field in (
                "scheduled_minutes",
                "attended_minutes",
                "excused_minutes",
                "absent_minutes",
                "late_count",
            )
        )
    )
    rows.append(
        [Cell(t("doc.summary.total", count=len(summary.lines)), bold=True), Cell()]
        + [Cell(cell.text, bold=True) for cell in totals]
    )
    pdf.draw_table(columns, rows, size=8.5, min_row_height=7)
    if pdf.get_y() + 8 > pdf.page_break_trigger:
        pdf.start_page()
    pdf.set_xy(pdf.l_margin, pdf.get_y() + 2)
    pdf.write_text(pdf.epw, t("doc.summary.note"), 7, color=GREY)
    return pdf.pdf_bytes()
