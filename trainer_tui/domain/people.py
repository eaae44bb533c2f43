"""Cohorts, trainees and trainers."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from trainer_tui.domain.text import (
    DomainModel,
    Name,
    NonEmptyText,
    RequiredText,
    domain_error,
    plain_line,
)

#: Ids are short opaque strings chosen by the services (uuid-like); kept loose on purpose.
RecordId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]

#: The pseudonymous code printed on QR codes and exports instead of the trainee's name.
TraineeCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{4,12}$")]

Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    AfterValidator(plain_line),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 .()-]{6,20}$")]

#: Programme defaults: 400 hours in 3 months, of which 21 hours of driving lessons.
DEFAULT_TRAINING_HOURS = 400.0
DEFAULT_DRIVING_HOURS = 21.0
#: Every date the app records lies between these: a year typed 1900 or 2999 is a mistake,
#: and signed progress codes count days from 2000 on 16 bits.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)
#: A cohort runs for about three months; one longer than two years is a typing mistake.
MAX_COHORT_DAYS = 2 * 366


class Cohort(DomainModel):
    """A group of 12 to 16 trainees following the programme together on one campus."""

    id: RecordId
    campus: Name
    name: Name
    start: Annotated[dt.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
    end: Annotated[dt.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
    training_hours_target: float = Field(default=DEFAULT_TRAINING_HOURS, gt=0, le=2000)
    driving_hours_target: float = Field(default=DEFAULT_DRIVING_HOURS, ge=0, le=200)
    catalogue_id: NonEmptyText
    catalogue_version: NonEmptyText

    @model_validator(mode="after")
    def _check_dates(self) -> Cohort:
        if self.end < self.start:
            raise domain_error(
                "end_before_start",
                "the end ({end}) is before the start ({start})",
                blamed_field="end",
                end=self.end,
                start=self.start,
            )
        if (self.end - self.start).days > MAX_COHORT_DAYS:
            raise domain_error(
                "cohort_too_long",
                "a cohort of {days} days is longer than {limit}",
                blamed_field="end",
                days=(self.end - self.start).days,
                limit=MAX_COHORT_DAYS,
            )
        return self

    @property
    def driving_minutes_target(self) -> int:
        """The driving target in whole minutes."""
        return round(self.driving_hours_target * 60)

    @property
    def training_minutes_target(self) -> int:
        """The training-hours target in whole minutes."""
        return round(self.training_hours_target * 60)


class TraineeStatus(StrEnum):
    """Where a trainee stands in the programme."""

    ACTIVE = "active"
    LEFT = "left"
    COMPLETED = "completed"


class Trainee(DomainModel):
    """A trainee enrolled in a cohort."""

    id: RecordId
    cohort_id: RecordId
    first_name: Name
    last_name: Name
    code: TraineeCode
    email: Email | None = None
    phone: Phone | None = None
    status: TraineeStatus = TraineeStatus.ACTIVE
    left_on: dt.date | None = None
    left_reason: RequiredText | None = None
    #: Set when the trainee's identity was erased at their request (GDPR art. 17).
    erased_on: dt.date | None = None

    @model_validator(mode="after")
    def _check_status(self) -> Trainee:
        if self.status is TraineeStatus.LEFT:
            if self.left_on is None or self.left_reason is None:
                raise domain_error(
                    "left_needs_date_reason", "a trainee who left needs a date and a reason"
                )
        elif self.left_on is not None or self.left_reason is not None:
            raise domain_error(
                "date_reason_only_if_left",
                "a leaving date or reason is only for a trainee who left",
            )
        return self

    @property
    def full_name(self) -> str:
        """First name then last name, as written on sheets."""
        return f"{self.first_name} {self.last_name}"


class Trainer(DomainModel):
    """A trainer (or a driving instructor) who runs sessions and rates trainees."""

    id: RecordId
    name: Name
    initials: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,4}$")]
