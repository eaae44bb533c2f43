"""Hours per trainee per week as a CSV file that French Excel opens as it is.

French Excel expects UTF-8 *with* a byte-order mark (without it, accents break), ``;`` between
fields (the comma is the decimal separator) and decimal commas. Lines end with CRLF, as the
``csv`` module writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from trainer_tui.exports.csv_text import text_cell
from trainer_tui.exports.documents import PayrollLine
from trainer_tui.i18n import decimal, format_date, t

#: Written as the column headers, in this order (message keys under ``payroll.column``).
COLUMNS = (
    "code",
    "last_name",
    "first_name",
    "week",
    "monday",
    "scheduled",
    "attended",
    "excused",
    "absent",
    "late",
)


def _hours(minutes: int) -> str:
    return decimal(minutes / 60, 2)


def render_payroll_csv(lines: Sequence[PayrollLine]) -> bytes:
    """The CSV file's bytes: a header line, then one line per trainee and week."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(f"payroll.column.{column}") for column in COLUMNS])
    for line in lines:
        year, week, _ = line.monday.isocalendar()
        writer.writerow(
            [
                line.code,
                text_cell(line.last_name),
                text_cell(line.first_name),
                f"{year}-S{week:02d}",
                format_date(line.monday),
                _hours(line.scheduled_minutes),
                _hours(line.attended_minutes),
                _hours(line.excused_minutes),
                _hours(line.absent_minutes),
                str(line.late_count),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
