"""The school calendar: French public holidays, closures and the half-day timetable.

Computed, never looked up: the generators must not read the clock or any file, and the same
dates must come out on every machine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

MORNING = (dt.time(9, 0), dt.time(12, 30))
AFTERNOON = (dt.time(13, 30), dt.time(17, 0))
#: Wednesday afternoons are kept free for driving lessons and appointments with the
#: temp agency; evenings after the afternoon session are driving slots too.
WEDNESDAY_DRIVING = (dt.time(13, 30), dt.time(18, 30))
EVENING_DRIVING = (dt.time(17, 30), dt.time(20, 30))
WEDNESDAY = 2


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian calendar, anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[dt.date]:
    """The eleven French public holidays (jours fériés) of ``year``."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    days = {dt.date(year, month, day) for month, day in fixed}
    days |= {easter + dt.timedelta(days=offset) for offset in (1, 39, 50)}
    return frozenset(days)


def is_closed(day: dt.date) -> bool:
    """Whether the school is shut: weekend, public holiday, Christmas week or August break.

    The closures make a 400-hour programme stretch past 13 weeks when it crosses them, as in
    a real school.
    """
    if day.weekday() >= 5 or day in public_holidays(day.year):
        return True
    christmas = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
    august_break = day.month == 8 and 4 <= day.day <= 22
    return christmas or august_break


def open_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Days the school is open from ``start`` to ``end`` inclusive."""
    days = []
    day = start
    while day <= end:
        if not is_closed(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def monday_on_or_before(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def monday_on_or_after(day: dt.date) -> dt.date:
    """``day`` if it is a Monday, else the next Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


@dataclass(frozen=True, slots=True)
class Slot:
    """A half-day of the timetable."""

    date: dt.date
    start: dt.time
    end: dt.time

    @property
    def minutes(self) -> int:
        """Length of the slot in minutes."""
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


def timetable(start: dt.date, training_minutes: int) -> list[Slot]:
    """Half-day slots from ``start`` until ``training_minutes`` are scheduled.

    Mornings 09:00-12:30 and afternoons 13:30-17:00 on open days, except Wednesday
    afternoons; the programme's end date is the date of the last slot.
    """
    slots: list[Slot] = []
    scheduled = 0
    day = start
    while scheduled < training_minutes:
        if not is_closed(day):
            halves = [MORNING] if day.weekday() == WEDNESDAY else [MORNING, AFTERNOON]
            for begin, finish in halves:
                if scheduled >= training_minutes:
                    break
                slot = Slot(day, begin, finish)
                slots.append(slot)
                scheduled += slot.minutes
        day += dt.timedelta(days=1)
    return slots
