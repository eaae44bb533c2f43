"""The data of each printed document, gathered by the services and drawn by the renderers.

Every field is already what the page shows (names, dates, minutes): renderers make no
decision about the training, they lay it out. Texts that depend on the language (labels,
statuses) come from the message catalogue at drawing time, so a status is a code here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

#: A trainee's attendance as printed: the four statuses, or ``None`` for a line left blank
#: to be filled in by hand (a sheet printed before the session).
SheetStatus = Literal["present", "late", "excused", "absent"] | None
#: Morning or afternoon: the unit of French attendance sheets.
HalfDay = Literal["morning", "afternoon"]


@dataclass(frozen=True, slots=True)
class Organisation:
    """The training organisation as it appears on every document."""

    name: str
    campus: str
    address: str = ""
    #: Numéro de déclaration d'activité (NDA), on certificates and sheets when known.
    declaration_number: str = ""


@dataclass(frozen=True, slots=True)
class Programme:
    """The training programme and cohort a document is about."""

    title: str
    cohort: str
    start: dt.date
    end: dt.date
    target_minutes: int


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One trainee on an attendance sheet."""

    name: str
    code: str
    status: SheetStatus = None
    late_minutes: int = 0
    left_early_minutes: int = 0


@dataclass(frozen=True, slots=True)
class HalfDaySheet:
    """Feuille d'émargement of one session (one half-day): one signature box per trainee."""

    organisation: Organisation
    programme: Programme
    date: dt.date
    half_day: HalfDay
    start: dt.time
    end: dt.time
    #: What was taught: the session kind and the skills practised, already in words.
    subject: str
    trainer: str
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True, slots=True)
class WeekSlot:
    """One half-day column of a weekly sheet."""

    date: dt.date
    half_day: HalfDay
    start: dt.time
    end: dt.time
    subject: str
    trainer: str


@dataclass(frozen=True, slots=True)
class WeekLine:
    """One trainee on a weekly sheet: a status per slot (same order as the slots)."""

    name: str
    code: str
    statuses: tuple[SheetStatus, ...]


@dataclass(frozen=True, slots=True)
class WeekSheet:
    """Feuille d'émargement of a week: trainees by half-days, a signature box in each cell."""

    organisation: Organisation
    programme: Programme
    monday: dt.date
    slots: tuple[WeekSlot, ...]
    lines: tuple[WeekLine, ...]


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One trainee's attendance over the programme so far."""

    name: str
    code: str
    scheduled_minutes: int
    attended_minutes: int
    excused_minutes: int
    absent_minutes: int
    late_count: int
    left_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    """The cohort's attendance: hours attended against hours scheduled and the target."""

    organisation: Organisation
    programme: Programme
    as_of: dt.date
    lines: tuple[SummaryLine, ...]


@dataclass(frozen=True, slots=True)
class DrivingLine:
    """One driving lesson as the log shows it."""

    date: dt.date
    start: dt.time
    minutes: int
    instructor: str
    driving_school: str
    #: ``manual`` or ``automatic``.
    gearbox: str
    #: The REMC competencies worked, already as "C1 Maîtriser le maniement…" texts.
    competencies: tuple[str, ...]
    comment: str


@dataclass(frozen=True, slots=True)
class DrivingLog:
    """A trainee's driving log: every lesson, the total against the target."""

    organisation: Organisation
    programme: Programme
    trainee: str
    code: str
    lessons: tuple[DrivingLine, ...]
    target_minutes: int
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class Certificate:
    """Certificat de réalisation (Ministry of Labour template) for one trainee."""

    organisation: Organisation
    programme: Programme
    trainee: str
    #: The trainee's employer during the course (the temp agency), if known.
    employer: str
    #: "Action de formation" for this programme (art. L6313-1 of the Code du travail).
    nature: str
    first_day: dt.date
    last_day: dt.date
    attended_minutes: int
    place: str
    signed_on: dt.date
    signatory: str


@dataclass(frozen=True, slots=True)
class PayrollLine:
    """One trainee's hours in one week, as the temp agency's payroll reads them."""

    code: str
    last_name: str
    first_name: str
    monday: dt.date
    scheduled_minutes: int
    attended_minutes: int
    excused_minutes: int
    absent_minutes: int
    late_count: int


@dataclass(frozen=True, slots=True)
class SheetBlock:
    """One block of the catalogue on a progress sheet."""

    block_id: str
    title: str
    proficient: int
    total: int


@dataclass(frozen=True, slots=True)
class ProgressSheet:
    """A trainee's progress sheet: one A4 page, with the QR code of their progress."""

    organisation: Organisation
    programme: Programme
    trainee: str
    code: str
    issued_on: dt.date
    blocks: tuple[SheetBlock, ...]
    #: Skills at a proficient level, one line per block ("SPL Épissurage : 01, 02 ★, 04").
    acquired: tuple[str, ...]
    acquired_count: int
    #: Skills started but not yet acquired, in words ("SPL-04 Réaliser une épissure — 2 En
    #: cours d'acquisition"): what the trainee works on next.
    in_progress: tuple[str, ...]
    training_minutes: int
    driving_minutes: int
    driving_target_minutes: int
    #: What the QR code holds (a viewer link with a signed code, or a plain summary).
    qr_content: str
    #: Whether the QR code holds a signed code (its caption says how to check it).
    qr_signed: bool
