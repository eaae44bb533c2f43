"""Parse what a trainer types (dates, times, numbers) into values, with clear errors.

Shared by the CLI and the TUI, so that both accept the same spellings (``26/11/2026``,
``9h00``, ``0,04``).
"""

from __future__ import annotations

import datetime as dt
import math

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import EARLIEST_DATE, LATEST_DATE


def parse_date(text: str, field: str = "date") -> dt.date:
    """A date written ``2026-11-26`` or ``26/11/2026``, between 2000 and 2099."""
    value = text.strip()
    if not value:
        raise RuleViolation("missing", field, "required field missing")
    try:
        if "/" in value:
            day, month, year = (int(part) for part in value.split("/"))
            parsed = dt.date(year, month, day)
        else:
            parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise RuleViolation("date_parsing", field, "invalid date {input}", input=text) from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise RuleViolation(
            "date_out_of_range",
            field,
            "{date} is not between {earliest} and {latest}",
            date=parsed,
            earliest=EARLIEST_DATE,
            latest=LATEST_DATE,
        )
    return parsed


def parse_time(text: str, field: str = "start") -> dt.time:
    """A time written ``09:00``, ``9:00`` or ``9h00``."""
    value = text.strip().lower().replace("h", ":")
    if not value:
        raise RuleViolation("missing", field, "required field missing")
    if value.endswith(":"):
        value += "00"
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise RuleViolation("time_parsing", field, "invalid time {input}", input=text) from None


def parse_datetime(text: str, field: str = "at") -> dt.datetime:
    """A date and time written ``2026-11-26 10:30``, ``2026-11-26T9:00`` or ``26/11/2026 9h``."""
    day, _, clock = text.strip().replace("T", " ").partition(" ")
    if not clock.strip():
        raise RuleViolation("datetime_parsing", field, "invalid date and time {input}", input=text)
    try:
        return dt.datetime.combine(parse_date(day, field), parse_time(clock, field))
    except RuleViolation as error:
        if error.code == "date_out_of_range":
            raise
        raise RuleViolation(
            "datetime_parsing", field, "invalid date and time {input}", input=text
        ) from None


def parse_number(text: str, field: str) -> float:
    """A decimal number, with a comma or a point (``0,04`` or ``0.04``); never NaN or infinite."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise RuleViolation("float_parsing", field, "not a number: {input}", input=text) from None
    if not math.isfinite(value):
        raise RuleViolation("float_parsing", field, "not a number: {input}", input=text)
    return value


def parse_int(text: str, field: str) -> int:
    """A whole number."""
    try:
        return int(text.strip())
    except ValueError:
        raise RuleViolation(
            "int_parsing", field, "not a whole number: {input}", input=text
        ) from None


def split_list(text: str | None) -> list[str]:
    """``"SPL-01, SPL-04"`` as ``["SPL-01", "SPL-04"]``."""
    return [part.strip().upper() for part in (text or "").split(",") if part.strip()]
