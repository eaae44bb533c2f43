"""The cohort dashboard: one row per trainee with progress, hours, driving and alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from trainer_tui.domain.people import Cohort, TraineeStatus
from trainer_tui.services.dashboard_cache import facts_key, load_cached_facts, save_cached_facts
from trainer_tui.services.dashboard_facts import AlertSettings, CohortFacts, cohort_facts
from trainer_tui.services.overview import TraineeOverview
from trainer_tui.services.preferences import alert_settings
from trainer_tui.services.syncing import clock_warnings
from trainer_tui.services.workspace import Workspace

__all__ = [
    "Alert",
    "AlertSettings",
    "Dashboard",
    "DashboardRow",
    "build_dashboard",
    "prepare_next_start",
]


class Alert(StrEnum):
    """Why a trainee needs the trainer's attention (message key ``alert.<value>``)."""

    ABSENCES = "absences"
    NO_PROGRESS = "no_progress"
    DRIVING_BEHIND = "driving_behind"


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
    #: Laptops whose clock is off, in words (services/syncing.clock_warnings).
    warnings: tuple[str, ...] = ()


def elapsed_share(cohort: Cohort, today: dt.date) -> float:
    """How much of the programme's calendar has passed (0 to 1)."""
    length = (cohort.end - cohort.start).days or 1
    return min(1.0, max(0.0, (today - cohort.start).days / length))


def dashboard_on(
    cohort: Cohort, facts: CohortFacts, today: dt.date, rules: AlertSettings
) -> Dashboard:
    """The dashboard of ``cohort`` on ``today``: the facts, and the alerts they raise."""
    elapsed = elapsed_share(cohort, today)
    rows = []
    for trainee in facts.trainees:
        overview = trainee.overview
        alerts = []
        if overview.trainee.status is TraineeStatus.ACTIVE:
            if trainee.absence_rate > rules.max_absence_rate:
                alerts.append(Alert.ABSENCES)
            if not trainee.progressed_recently:
                alerts.append(Alert.NO_PROGRESS)
            if overview.driving.share + rules.driving_lag < elapsed:
                alerts.append(Alert.DRIVING_BEHIND)
        rows.append(DashboardRow(overview, trainee.absence_rate, tuple(alerts)))
    return Dashboard(cohort, today, elapsed, tuple(rows), facts.sessions_held)


def build_dashboard(
    ws: Workspace, cohort: Cohort, settings: AlertSettings | None = None
) -> Dashboard:
    """Everything the dashboard shows for ``cohort`` today.

    The facts come from this laptop's cache when the cohort's files have not changed since
    they were worked out (the usual case when the app opens: reading and checking thousands
    of records is most of the start-up time), else from the records, and are cached again.
    """
    rules = settings or alert_settings(ws)
    key = facts_key(ws, cohort, rules)
    facts = load_cached_facts(ws, cohort, key)
    if facts is None:
        facts = cohort_facts(ws, cohort, rules)
        save_cached_facts(ws, cohort, key, facts)
    board = dashboard_on(cohort, facts, ws.today(), rules)
    return replace(board, warnings=tuple(clock_warnings(ws, short=True)))


def prepare_next_start(ws: Workspace) -> bool:
    """Cache the facts of the cohort the app opens on, if they changed; True if it had to.

    Called when a command or the app closes the data folder, after its last changes were
    sealed: the next start then finds the cache fresh instead of reading every record. Only
    a crash, a catalogue edited by hand or a file copied in by hand leave it stale.
    """
    cohorts = ws.cohorts()
    if not cohorts:
        return False
    cohort = cohorts[0]  # the app opens on the most recent cohort (ui/app.py)
    rules = alert_settings(ws)
    key = facts_key(ws, cohort, rules)
    if load_cached_facts(ws, cohort, key) is not None:
        return False
    save_cached_facts(ws, cohort, key, cohort_facts(ws, cohort, rules))
    return True
