"""Facts recorded during the programme: sessions, attendance, assessments, driving lessons.

Facts are events: never edited in place. A mistaken assessment is corrected by a newer one
(the latest wins) or voided by the storage layer; see ``trainer_tui.domain.progress``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from trainer_tui.domain.catalogue import SkillId
from trainer_tui.domain.people import RecordId
from trainer_tui.domain.text import DomainModel, FreeText, Name, OptionalName, domain_error

#: A hybrid logical clock stamp (wall milliseconds, counter), then laptop id and write id.
WriteStamp = tuple[int, int, str, str]

#: Driving lessons shorter than this or longer than that are almost certainly typing mistakes.
MIN_DRIVING_MINUTES = 15
MAX_DRIVING_MINUTES = 240
#: No session of the programme lasts longer than a (long) working day.
MAX_SESSION_MINUTES = 12 * 60

#: A note or a comment: free text, up to 2,000 characters (see ``domain.text``).
Note = FreeText


def minutes_between(start: dt.time, end: dt.time) -> int:
    """Whole minutes from ``start`` to ``end`` on the same day (negative if end is earlier)."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class SessionKind(StrEnum):
    """What a session is about."""

    PRACTICAL = "practical"
    FRENCH = "french"
    MATHS = "maths"
    WORKPLACE = "workplace"
    SAFETY = "safety"
    COMPANY_VISIT = "company_visit"
    ASSESSMENT = "assessment"


class Session(DomainModel):
    """A time slot of the cohort (usually a half-day) with a trainer."""

    id: RecordId
    cohort_id: RecordId
    date: dt.date
    start: dt.time
    end: dt.time
    kind: SessionKind
    trainer_id: RecordId
    skill_ids: tuple[SkillId, ...] = ()
    notes: Note = ""

    @model_validator(mode="after")
    def _check_times(self) -> Session:
        length = minutes_between(self.start, self.end)
        if length <= 0:
            raise domain_error(
                "end_before_start",
                "the end ({end}) is before the start ({start})",
                blamed_field="end",
                end=self.end.isoformat("minutes"),
                start=self.start.isoformat("minutes"),
            )
        if length > MAX_SESSION_MINUTES:
            raise domain_error(
                "too_long",
                "{minutes} minutes is longer than {limit}",
                blamed_field="end",
                minutes=length,
                limit=MAX_SESSION_MINUTES,
            )
        return self

    @property
    def minutes(self) -> int:
        """Scheduled length in minutes."""
        return minutes_between(self.start, self.end)


class AttendanceStatus(StrEnum):
    """Attendance of one trainee at one session."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class Attendance(DomainModel):
    """Whether and how long a trainee attended a session.

    Minutes attended are derived from the session length, minus late arrival and early
    departure; an excused or unexcused absence counts zero minutes.
    """

    session_id: RecordId
    trainee_id: RecordId
    status: AttendanceStatus
    late_minutes: int = Field(default=0, ge=0, le=MAX_SESSION_MINUTES)
    left_early_minutes: int = Field(default=0, ge=0, le=MAX_SESSION_MINUTES)

    @model_validator(mode="after")
    def _check_minutes(self) -> Attendance:
        away = self.status in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)
        if away and (self.late_minutes or self.left_early_minutes):
            raise domain_error(
                "absent_with_minutes", "an absent trainee cannot be late or leave early"
            )
        if self.status is AttendanceStatus.LATE and self.late_minutes == 0:
            raise domain_error("late_without_minutes", "a late arrival needs its minutes")
        return self

    def minutes_attended(self, session: Session) -> int:
        """Minutes of ``session`` this trainee was there for."""
        if self.status in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED):
            return 0
        return max(0, session.minutes - self.late_minutes - self.left_early_minutes)


class Assessment(DomainModel):
    """One rating of one trainee on one skill, at one moment, by one trainer."""

    id: RecordId
    trainee_id: RecordId
    skill_id: SkillId
    level: int = Field(ge=0, le=20)
    measured_value: float | None = None
    note: Note = ""
    trainer_id: RecordId
    session_id: RecordId | None = None
    #: When the trainer rated, as shown to people. Not what orders ratings: laptop clocks
    #: drift, and a rating made after seeing another must win whatever they say.
    recorded_at: dt.datetime
    #: Where the rating stands in the school's causal order of writes (the hybrid logical
    #: clock of the write that made it, then laptop and write ids); ``None`` until written.
    #: Bookkeeping of the store, never exported.
    stamp: WriteStamp | None = Field(default=None, exclude=True)

    def order(self) -> tuple[bool, WriteStamp | tuple[()], str]:
        """Sort key, latest last: causal order, a rating not yet written after every other."""
        return (self.stamp is None, self.stamp or (), self.id)


class Gearbox(StrEnum):
    """Gearbox of the car used for a driving lesson."""

    MANUAL = "manual"
    AUTOMATIC = "automatic"


class DrivingLesson(DomainModel):
    """One driving lesson, as written in the learner's driving log."""

    id: RecordId
    trainee_id: RecordId
    date: dt.date
    start: dt.time
    minutes: int = Field(ge=MIN_DRIVING_MINUTES, le=MAX_DRIVING_MINUTES)
    instructor: Name
    driving_school: OptionalName = ""
    gearbox: Gearbox = Gearbox.MANUAL
    competencies: tuple[SkillId, ...] = ()
    comment: Note = ""

    @property
    def starts_at(self) -> dt.datetime:
        """Start as a naive local date-time."""
        return dt.datetime.combine(self.date, self.start)

    @property
    def ends_at(self) -> dt.datetime:
        """End as a naive local date-time."""
        return self.starts_at + dt.timedelta(minutes=self.minutes)
