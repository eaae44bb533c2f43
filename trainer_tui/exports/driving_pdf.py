"""Driving lessons record: every lesson of a trainee and the hours against the target.

This is the training organisation's own record. The official digital learner's logbook is
kept by the driving school's approved software; the page says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer_tui.exports.documents import DrivingLine, DrivingLog
from trainer_tui.exports.pdf_layout import GREY, Cell, Column, DocumentPDF
from trainer_tui.exports.pdf_text import duration_text, time_text
from trainer_tui.i18n import format_date, has, t


def _gearbox(code: str) -> str:
    """``manual`` / ``automatic`` in words; any other code as it is."""
    key = f"doc.driving.gearbox.{code}"
    return t(key) if has(key) else code


def _lesson_row(lesson: DrivingLine) -> list[Cell]:
    return [
        Cell(format_date(lesson.date)),
        Cell(time_text(lesson.start)),
        Cell(duration_text(lesson.minutes)),
        Cell(lesson.instructor),
        Cell(lesson.driving_school),
        Cell(_gearbox(lesson.gearbox)),
        Cell("\n".join(lesson.competencies)),
        Cell(lesson.comment),
    ]


def render_driving_logs(logs: Sequence[DrivingLog]) -> bytes:
    """One trainee per page (more if the lessons run on), all trainees in one PDF.

    Each log lists the lessons (date, start, duration, instructor, driving school, gearbox,
    competencies, comment), then the hours done against the target and the hours left.
    """
    if not logs:
        raise ValueError("no driving log to render")
    first = logs[0]
    pdf = DocumentPDF(
        first.organisation,
        first.programme,
        issued_on=max(log.as_of for log in logs),
        title=t("doc.driving.title"),
    )
    columns = [
        Column(t("doc.driving.col_date"), 19, "C"),
        Column(t("doc.driving.col_start"), 14, "C"),
        Column(t("doc.driving.col_duration"), 13, "C"),
        Column(t("doc.driving.col_instructor"), 23),
        Column(t("doc.driving.col_school"), 23),
        Column(t("doc.driving.col_gearbox"), 20, "C"),
        Column(t("doc.driving.col_competencies"), 38),
        Column(t("doc.driving.col_comment"), 36),
    ]
    for log in logs:
        pdf.start_page(
            organisation=log.organisation,
            programme=log.programme,
            issued_on=log.as_of,
            details=[
                (t("doc.driving.trainee", name=log.trainee, code=log.code), True),
                (t("doc.driving.as_of", date=format_date(log.as_of)), False),
            ],
        )
        if log.lessons:
            rows = [_lesson_row(lesson) for lesson in log.lessons]
            pdf.draw_table(columns, rows, size=7.5, min_row_height=7)
        else:
            pdf.write_text(pdf.epw, t("doc.driving.no_lesson"), 9)
        done = sum(lesson.minutes for lesson in log.lessons)
        remaining = max(0, log.target_minutes - done)
        totals = [
            t(
                "doc.driving.done",
                done=duration_text(done),
                target=duration_text(log.target_minutes),
            )
        ]
        if remaining:
            totals.append(t("doc.driving.remaining", hours=duration_text(remaining)))
        else:
            totals.append(t("doc.driving.complete"))
        if pdf.get_y() + 24 > pdf.page_break_trigger:
            pdf.start_page(details=pdf.details)
        pdf.set_xy(pdf.l_margin, pdf.get_y() + 4)
        for text in totals:
            pdf.write_text(pdf.epw, text, 10, bold=True)
        pdf.set_y(pdf.get_y() + 3)
        pdf.write_text(pdf.epw, t("doc.driving.official"), 7.5, color=GREY)
    return pdf.pdf_bytes()
