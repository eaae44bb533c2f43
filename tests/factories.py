"""Small builders for domain records in tests, with sensible fixed defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.records import (
    Assessment,
    Attendance,
    AttendanceStatus,
    DrivingLesson,
    Session,
    SessionKind,
)

DAY = dt.date(2026, 10, 5)


def cohort(**changes: Any) -> Cohort:
    values: dict[str, Any] = dict(
        id="c1",
        campus="Saint-Denis",
        name="FTTH 2026-B",
        start=dt.date(2026, 9, 28),
        end=dt.date(2026, 12, 18),
        catalogue_id="ftth-technicien",
        catalogue_version="1.0",
    )
    return Cohort(**(values | changes))


def session(sid: str, start: str = "09:00", end: str = "12:30", **changes: Any) -> Session:
    values: dict[str, Any] = dict(
        id=sid,
        cohort_id="c1",
        date=DAY,
        start=start,
        end=end,
        kind=SessionKind.PRACTICAL,
        trainer_id="tr1",
    )
    return Session(**(values | changes))


def mark(sid: str, trainee: str, status: str = "present", **changes: Any) -> Attendance:
    return Attendance(
        session_id=sid, trainee_id=trainee, status=AttendanceStatus(status), **changes
    )


def assessment(
    aid: str, skill: str, level: int, when: str, trainee: str = "t1", **changes: Any
) -> Assessment:
    values: dict[str, Any] = dict(
        id=aid,
        trainee_id=trainee,
        skill_id=skill,
        level=level,
        trainer_id="tr1",
        recorded_at=dt.datetime.fromisoformat(when),
    )
    return Assessment(**(values | changes))


def lesson(
    lid: str, day: dt.date, start: str, minutes: int, trainee: str = "t1", **changes: Any
) -> DrivingLesson:
    values: dict[str, Any] = dict(
        id=lid, trainee_id=trainee, date=day, start=start, minutes=minutes, instructor="Mme Diallo"
    )
    return DrivingLesson(**(values | changes))
