"""The cohort dashboard: one row per trainee with progress, hours, driving and alerts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from trainer_tui.domain.people import Cohort, TraineeStatus
from trainer_tui.domain.records import Assessment, Attendance, Session
from trainer_tui.services.overview import TraineeOverview, overview_of_cohort
from trainer_tui.services.workspace import Workspace


class Alert(StrEnum):
    """Why a trainee needs the trainer's attention (message key ``alert.<value>``)."""

    ABSENCES = "absences"
    NO_PROGRESS = "no_progress"
    DRIVING_BEHIND = "driving_behind"


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """Thresholds of the alerts; the defaults suit a 400-hour, 3-month programme."""

    max_absence_rate: float = 0.10
    no_progress_sessions: int = 6
    driving_lag: float = 0.25


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One trainee on the dashboard."""

    overview: TraineeOverview
    absence_rate: float
    alerts: tuple[Alert, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Dashboard:
    """A cohort as the trainer sees it on opening the app."""

    cohort: Cohort
    today: dt.date
    elapsed: float
    rows: tuple[DashboardRow, ...]
    sessions_held: int


def elapsed_share(cohort: Cohort, today: dt.date) -> float:
    """How much of the programme's calendar has passed (0 to 1)."""
    length = (cohort.end - cohort.start).days or 1
    return min(1.0, max(0.0, (today - cohort.start).days / length))


def _absence_rate(marks: list[Attendance], sessions: dict[str, Session]) -> float:
    scheduled = missed = 0
    for mark in marks:
        session = sessions.get(mark.session_id)
        if session is None:
            continue
        scheduled += session.minutes
        missed += session.minutes - mark.minutes_attended(session)
    return missed / scheduled if scheduled else 0.0


def _progressed_recently(
    assessments: list[Assessment], recent: list[Session], sessions: int
) -> bool:
    """Whether any rating raised a level during the last ``sessions`` sessions."""
    if len(recent) < sessions:
        return True  # too early in the programme to say
    since = dt.datetime.combine(recent[0].date, recent[0].start)
    best: dict[str, int] = {}
    for assessment in assessments:  # oldest first
        previous = best.get(assessment.skill_id, 0)
        if assessment.recorded_at >= since and assessment.level > previous:
            return True
        best[assessment.skill_id] = max(previous, assessment.level)
    return False


def build_dashboard(
    ws: Workspace, cohort: Cohort, settings: AlertSettings | None = None
) -> Dashboard:
    """Everything the dashboard shows for ``cohort`` today."""
    rules = settings or AlertSettings()
    records = ws.cohort_records(cohort)
    today = ws.today()
    elapsed = elapsed_share(cohort, today)
    overviews = overview_of_cohort(ws, cohort)
    sessions = {session.id: session for session in records.sessions}
    recent = records.sessions[-rules.no_progress_sessions :]
    marks: dict[str, list[Attendance]] = defaultdict(list)
    for mark in records.attendances:
        marks[mark.trainee_id].append(mark)
    ratings: dict[str, list[Assessment]] = defaultdict(list)
    for assessment in records.assessments:
        ratings[assessment.trainee_id].append(assessment)
    rows = []
    for overview in overviews:
        trainee_id = overview.trainee.id
        rate = _absence_rate(marks[trainee_id], sessions)
        alerts = []
        if overview.trainee.status is TraineeStatus.ACTIVE:
            if rate > rules.max_absence_rate:
                alerts.append(Alert.ABSENCES)
            if not _progressed_recently(ratings[trainee_id], recent, rules.no_progress_sessions):
                alerts.append(Alert.NO_PROGRESS)
            if overview.driving.share + rules.driving_lag < elapsed:
                alerts.append(Alert.DRIVING_BEHIND)
        rows.append(DashboardRow(overview, rate, tuple(alerts)))
    return Dashboard(cohort, today, elapsed, tuple(rows), len(records.sessions))
