"""Skill records as a CSV file that French Excel opens as it is: one line per trainee and skill.

Same dialect as the payroll file (:mod:`trainer_tui.exports.payroll_csv`): UTF-8 with a
byte-order mark, ``;`` between fields, decimal commas, CRLF line ends. Each line repeats the
trainee's hours so that a filter on one skill still shows them. The signature line is added
by :func:`trainer_tui.exports.record_signing.sign_csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from trainer_tui.exports.csv_text import text_cell
from trainer_tui.exports.skill_record import SkillRecord
from trainer_tui.i18n import decimal, format_date, t

#: Written as the column headers, in this order (message keys under ``record.csv.column``).
#: The first four (code, last name, first name, cohort) are read back by ``verify``.
COLUMNS = (
    "code",
    "last_name",
    "first_name",
    "cohort",
    "block",
    "block_title",
    "skill",
    "skill_title",
    "level",
    "level_label",
    "proficient",
    "assessed_on",
    "assessor",
    "measured_value",
    "unit",
    "training_hours",
    "training_target",
    "driving_hours",
    "driving_target",
)


def _hours(minutes: int) -> str:
    return decimal(minutes / 60, 2)


def measured_text(value: float) -> str:
    """A measured value in decimal notation (never ``1e-05``), with the decimal comma."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", t("format.decimal_separator"))


def render_record_csv(records: Sequence[SkillRecord]) -> bytes:
    """The CSV file's bytes (unsigned): a header line, then one line per trainee and skill."""
    if not records:
        raise ValueError("no record to write")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(f"record.csv.column.{column}") for column in COLUMNS])
    for record in records:
        hours = [
            _hours(record.training_minutes),
            _hours(record.programme.target_minutes),
            _hours(record.driving_minutes),
            _hours(record.driving_target_minutes),
        ]
        for block in record.blocks:
            for skill in block.skills:
                writer.writerow(
                    [
                        record.code,
                        text_cell(record.last_name),
                        text_cell(record.first_name),
                        text_cell(record.programme.cohort),
                        block.block_id,
                        text_cell(block.title),
                        skill.skill_id,
                        text_cell(skill.title),
                        str(skill.level),
                        skill.level_label,
                        t("record.csv.yes" if skill.proficient else "record.csv.no"),
                        format_date(skill.assessed_on) if skill.assessed_on else "",
                        text_cell(skill.assessor),
                        "" if skill.measured_value is None else measured_text(skill.measured_value),
                        skill.unit if skill.measured_value is not None else "",
                        *hours,
                    ]
                )
    return buffer.getvalue().encode("utf-8-sig")
