"""How documents write dates, times and hours, in the current language.

Day and month names come from the message catalogue, never from the system locale, so a
French laptop can print an English sheet and the output does not depend on the machine.
"""

from __future__ import annotations

import datetime as dt

from trainer_tui.i18n import decimal, t

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """``jeudi 26 novembre 2026``: names from the catalogue, not the system locale."""
    number = t("doc.format.first_of_month") if day.day == 1 else str(day.day)
    weekday = t(f"doc.weekday.{_WEEKDAYS[day.weekday()]}")
    month = t(f"doc.month.{_MONTHS[day.month - 1]}")
    return t("doc.format.long_date", weekday=weekday, day=number, month=month, year=day.year)


def short_day(day: dt.date) -> str:
    """``jeu. 26/11``: a column heading of the weekly sheet."""
    weekday = t(f"doc.weekday_short.{_WEEKDAYS[day.weekday()]}")
    return f"{weekday} {t('doc.format.day_month', day=day.day, month=day.month)}"


def time_text(moment: dt.time) -> str:
    """``8 h 30`` in French, ``08:30`` in English."""
    return t("doc.format.time", hour=moment.hour, minute=moment.minute)


def time_range(start: dt.time, end: dt.time) -> str:
    """``8 h 30 – 12 h 00``."""
    return t("doc.format.time_range", start=time_text(start), end=time_text(end))


def hours_number(minutes: int) -> str:
    """Minutes as decimal hours, as short as exact: ``12``, ``12,5``, ``12,33``."""
    if minutes % 60 == 0:
        return str(minutes // 60)
    return decimal(minutes / 60, 2).rstrip("0").rstrip(t("format.decimal_separator"))


def hours_text(minutes: int) -> str:
    """``12,5 h``."""
    return t("doc.format.hours", value=hours_number(minutes))


def duration_text(minutes: int) -> str:
    """``1 h 30`` in French, ``1:30`` in English: driving lessons are counted this way."""
    return t("doc.format.duration", hours=minutes // 60, minutes=minutes % 60)


def line_height(size: float) -> float:
    """Height in mm of one line of text at ``size`` points."""
    return size * 0.3528 * 1.22
