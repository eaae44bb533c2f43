"""Training hours as an audit counts them: scheduled, attended, excused, absent, per week.

Pure functions over sessions and attendance marks. A session counts for a trainee once it has
an attendance mark for them (the trainer marks everyone present by default, so a held session
has one mark per trainee); a session without a mark is not yet held, or the trainee was not
enrolled then, and counts nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer_tui.domain.records import Attendance, AttendanceStatus, Session


@dataclass(frozen=True, slots=True)
class HoursTally:
    """Minutes of one trainee over some sessions, split as an attendance sheet does."""

    scheduled: int = 0
    attended: int = 0
    excused: int = 0
    absent: int = 0
    #: Minutes missed by arriving late or leaving early (inside ``scheduled - attended``).
    partly_missed: int = 0
    late_count: int = 0

    def __add__(self, other: HoursTally) -> HoursTally:
        return HoursTally(
            self.scheduled + other.scheduled,
            self.attended + other.attended,
            self.excused + other.excused,
            self.absent + other.absent,
            self.partly_missed + other.partly_missed,
            self.late_count + other.late_count,
        )

    @property
    def absence_rate(self) -> float:
        """Share of the scheduled minutes missed, for whatever reason (0 when none)."""
        return (self.scheduled - self.attended) / self.scheduled if self.scheduled else 0.0


def monday_of(day: dt.date) -> dt.date:
    """The Monday starting ``day``'s week (ISO weeks, as French payroll counts them)."""
    return day - dt.timedelta(days=day.weekday())


def tally_of(mark: Attendance, session: Session) -> HoursTally:
    """What one attendance mark adds to the trainee's hours."""
    scheduled = session.minutes
    if mark.status is AttendanceStatus.EXCUSED:
        return HoursTally(scheduled=scheduled, excused=scheduled)
    if mark.status is AttendanceStatus.ABSENT:
        return HoursTally(scheduled=scheduled, absent=scheduled)
    attended = mark.minutes_attended(session)
    return HoursTally(
        scheduled=scheduled,
        attended=attended,
        partly_missed=scheduled - attended,
        late_count=1 if mark.late_minutes else 0,
    )


def latest_marks(
    trainee_id: str, sessions: Mapping[str, Session], attendances: Iterable[Attendance]
) -> dict[str, Attendance]:
    """The trainee's mark per known session; a later mark replaces an earlier one."""
    marks: dict[str, Attendance] = {}
    for mark in attendances:
        if mark.trainee_id == trainee_id and mark.session_id in sessions:
            marks[mark.session_id] = mark
    return marks


def hours_by_week(
    trainee_id: str, sessions: Mapping[str, Session], attendances: Iterable[Attendance]
) -> dict[dt.date, HoursTally]:
    """The trainee's hours per week (keyed by Monday), weeks in order."""
    weeks: dict[dt.date, HoursTally] = {}
    for session_id, mark in latest_marks(trainee_id, sessions, attendances).items():
        session = sessions[session_id]
        monday = monday_of(session.date)
        weeks[monday] = weeks.get(monday, HoursTally()) + tally_of(mark, session)
    return dict(sorted(weeks.items()))


def total_hours(weeks: Mapping[dt.date, HoursTally]) -> HoursTally:
    """All weeks together."""
    total = HoursTally()
    for tally in weeks.values():
        total += tally
    return total
