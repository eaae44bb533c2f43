"""What the dashboard knows of each trainee whatever the day: overview, absences, progress.

These facts depend on the cohort's records alone, so they can be cached between runs
(``dashboard_cache``); the alerts that depend on the date are worked out from them each time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.records import Assessment, Attendance, Session
from trainer_tui.services.overview import TraineeOverview, overview_of_cohort
from trainer_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """Thresholds of the alerts; the defaults suit a 400-hour, 3-month programme."""

    max_absence_rate: float = 0.10
    no_progress_sessions: int = 6
    driving_lag: float = 0.25


@dataclass(frozen=True, slots=True)
class TraineeFacts:
    """One trainee's standing, from the records alone."""

    overview: TraineeOverview
    absence_rate: float
    progressed_recently: bool


@dataclass(frozen=True, slots=True)
class CohortFacts:
    """Every trainee's standing in a cohort, and how many sessions were held."""

    trainees: tuple[TraineeFacts, ...]
    sessions_held: int


def absence_rate(marks: list[Attendance], sessions: dict[str, Session]) -> float:
    """Share of the scheduled minutes of the marked sessions that the trainee missed."""
    scheduled = missed = 0
    for mark in marks:
        session = sessions.get(mark.session_id)
        if session is None:
            continue
        scheduled += session.minutes
        missed += session.minutes - mark.minutes_attended(session)
    return missed / scheduled if scheduled else 0.0


def progressed_recently(
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


def cohort_facts(ws: Workspace, cohort: Cohort, rules: AlertSettings) -> CohortFacts:
    """Read ``cohort``'s records and work out each trainee's standing."""
    records = ws.cohort_records(cohort)
    sessions = {session.id: session for session in records.sessions}
    recent = records.sessions[-rules.no_progress_sessions :]
    marks: dict[str, list[Attendance]] = defaultdict(list)
    for mark in records.attendances:
        marks[mark.trainee_id].append(mark)
    ratings: dict[str, list[Assessment]] = defaultdict(list)
    for assessment in records.assessments:
        ratings[assessment.trainee_id].append(assessment)
    return CohortFacts(
        tuple(
            TraineeFacts(
                overview,
                absence_rate(marks[overview.trainee.id], sessions),
                progressed_recently(
                    ratings[overview.trainee.id], recent, rules.no_progress_sessions
                ),
            )
            for overview in overview_of_cohort(ws, cohort)
        ),
        len(records.sessions),
    )
