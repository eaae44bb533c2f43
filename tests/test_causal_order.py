"""A rating made after seeing another supersedes it, whatever the laptops' clocks say.

Issue 13, Deliver 4: laptop A's clock runs two days fast. A trainer rates SPL-01 at 1 on A;
a colleague on laptop B (on time) syncs, sees that rating, and rates 3. The current level is
3 on both laptops (it stayed 1 for two days, silently, when ratings were ordered by their
wall-clock time), the times shown stay the ones each laptop's clock gave, and both laptops
say that A's clock is off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.domain.progress import current_levels
from trainer_tui.services import activity, enrolment
from trainer_tui.services.dashboard import build_dashboard
from trainer_tui.services.syncing import clock_warnings, sync
from trainer_tui.services.workspace import Workspace

from .storage.helpers import FakeWall, enrol, id_source

CATALOGUE = load_catalogue(default_catalogue_dir())
#: The wall clock of the on-time laptop: 2026-11-20 10:10:10 UTC.
ON_TIME = dt.datetime(2026, 11, 20, 10, 10, 10)
TWO_DAYS = dt.timedelta(days=2)


def laptop(data: Path, device: str, skew: dt.timedelta, wall: FakeWall | None = None) -> Workspace:
    """A laptop of the test school whose wall clock (and so its domain clock) is ``skew`` off."""
    start = int((ON_TIME + skew).replace(tzinfo=dt.UTC).timestamp() * 1000)
    wall = wall or FakeWall(start)
    ids = id_source(f"{device}-ids")
    ws = Workspace.open(
        data,
        CATALOGUE,
        clock=lambda: ON_TIME + skew + dt.timedelta(milliseconds=wall.now - start),
        new_id=ids,
        new_op_id=id_source(f"{device}-ops"),
        device_id=device,
        wall=wall,
    )
    enrol(ws.replica)
    return ws


def new_cohort(ws: Workspace) -> Cohort:
    return enrolment.create_cohort(
        ws,
        name="Promo test",
        campus="Chelles",
        start=dt.date(2026, 10, 5),
        end=dt.date(2027, 1, 15),
    )


def level(ws: Workspace, skill: str = "SPL-01") -> int:
    cohort = ws.cohorts()[0]
    records = ws.cohort_records(cohort)
    return current_levels(records.assessments)[skill]


def test_the_rating_made_after_seeing_a_fast_clock_wins(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    fast = laptop(tmp_path / "a", "laptopa", TWO_DAYS)
    on_time = laptop(tmp_path / "b", "laptopb", dt.timedelta())
    try:
        cohort = new_cohort(on_time)
        trainer = enrolment.add_trainer(on_time, name="Jean-Marc Dubois", initials="JMD")
        trainee = enrolment.enrol_trainee(on_time, cohort, first_name="Léa", last_name="Durand")
        sync(on_time, folder)
        sync(fast, folder)

        first = activity.rate(fast, cohort, trainee, "SPL-01", 1, trainer=trainer)
        sync(fast, folder)
        seen = sync(on_time, folder)
        assert level(on_time) == 1  # the colleague sees the rating made on the fast laptop
        second = activity.rate(on_time, cohort, trainee, "SPL-01", 3, trainer=trainer)
        sync(on_time, folder)
        sync(fast, folder)

        for ws in (fast, on_time):
            assert level(ws) == 3, ws.replica.device.id
            history = ws.cohort_records(cohort).assessments
            assert [a.level for a in history] == [1, 3]  # causal order, latest last
        # The times shown are what each clock said: the first rating looks two days later.
        assert first.recorded_at.date() == (ON_TIME + TWO_DAYS).date()
        assert second.recorded_at.date() == ON_TIME.date()
        assert first.recorded_at > second.recorded_at

        # The on-time laptop was told at its sync, and is told again on its dashboard.
        assert any("laptopa" in line and "2 j 0 h" in line for line in seen.notices), seen
        board = build_dashboard(on_time, cohort)
        assert any("laptopa" in line for line in board.warnings), board.warnings
        # The fast laptop holds nothing ahead of its own clock: nothing to say there.
        assert clock_warnings(fast) == []
    finally:
        fast.close()
        on_time.close()
    # Opened again, on the cached dashboard (no cohort read), it is still told.
    reopened = laptop(tmp_path / "b", "laptopb", dt.timedelta(minutes=5))
    try:
        assert any("laptopa" in line for line in clock_warnings(reopened))
        assert not reopened.replica.loaded().keys() - {"_global"}  # from local/newest.json
        assert any("laptopa" in line for line in build_dashboard(reopened, cohort).warnings)
    finally:
        reopened.close()


def test_an_on_time_laptop_shows_no_clock_warning(tmp_path: Path) -> None:
    ws = laptop(tmp_path / "b", "laptopb", dt.timedelta())
    try:
        cohort = new_cohort(ws)
        assert build_dashboard(ws, cohort).warnings == ()
    finally:
        ws.close()


def test_a_clock_set_back_is_told_to_the_laptop_itself(tmp_path: Path) -> None:
    wall = FakeWall(int(ON_TIME.replace(tzinfo=dt.UTC).timestamp() * 1000))
    ws = laptop(tmp_path / "b", "laptopb", dt.timedelta(), wall)
    enrolment.add_trainer(ws, name="Jean-Marc Dubois", initials="JMD")
    wall.advance(-3 * 24 * 3_600_000)  # someone sets the clock three days back
    try:
        warnings = clock_warnings(ws)
        assert len(warnings) == 1 and "ce portable" in warnings[0], warnings
        assert "3 j 0 h" in warnings[0]
    finally:
        ws.close()
