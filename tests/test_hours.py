"""Training hours against hand-computed cases: late, early, excused, absent, withdrawn."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import mark, session
from trainer_tui.domain.hours import HoursTally, hours_by_week, monday_of, total_hours

MON = dt.date(2026, 10, 5)  # a Monday
TUE, THU = MON + dt.timedelta(days=1), MON + dt.timedelta(days=3)
NEXT_MON = MON + dt.timedelta(days=7)

SESSIONS = {
    s.id: s
    for s in (
        session("s1", date=MON),  # 09:00-12:30, 210 min
        session("s2", "13:30", "17:00", date=MON),  # 210 min
        session("s3", date=TUE),  # 210 min
        session("s4", "13:30", "16:30", date=THU),  # 180 min
        session("s5", date=NEXT_MON),  # 210 min
    )
}


def test_late_and_early_departure_count_minutes_not_sessions() -> None:
    marks = [
        mark("s1", "t1", "late", late_minutes=20),
        mark("s2", "t1", "present", left_early_minutes=30),
        mark("s3", "t1", "present"),
    ]
    week = hours_by_week("t1", SESSIONS, marks)[MON]
    # 210 + 210 + 210 scheduled; 190 + 180 + 210 attended.
    assert week == HoursTally(
        scheduled=630, attended=580, partly_missed=50, late_count=1, excused=0, absent=0
    )
    assert round(week.absence_rate, 4) == round(50 / 630, 4)


def test_excused_and_unexcused_absences_are_told_apart() -> None:
    marks = [
        mark("s1", "t1", "excused"),
        mark("s2", "t1", "absent"),
        mark("s4", "t1", "present"),
    ]
    week = hours_by_week("t1", SESSIONS, marks)[MON]
    assert (week.scheduled, week.attended, week.excused, week.absent) == (600, 180, 210, 210)
    assert week.absence_rate == 420 / 600


def test_weeks_are_keyed_by_monday_and_sum_to_the_total() -> None:
    marks = [mark(sid, "t1") for sid in SESSIONS]
    weeks = hours_by_week("t1", SESSIONS, marks)
    assert list(weeks) == [MON, NEXT_MON]
    assert weeks[MON].attended == 210 * 3 + 180
    assert weeks[NEXT_MON].attended == 210
    assert total_hours(weeks).attended == 210 * 4 + 180


def test_a_withdrawn_trainee_counts_only_the_marked_sessions() -> None:
    # Left on Tuesday evening: no mark for Thursday or the week after.
    marks = [mark("s1", "t2"), mark("s2", "t2"), mark("s3", "t2", "late", late_minutes=15)]
    weeks = hours_by_week("t2", SESSIONS, marks)
    assert list(weeks) == [MON]
    assert weeks[MON] == HoursTally(scheduled=630, attended=615, partly_missed=15, late_count=1)


def test_a_later_mark_replaces_an_earlier_one_and_others_are_ignored() -> None:
    marks = [
        mark("s1", "t1", "absent"),
        mark("s1", "t1", "present"),  # corrected
        mark("s1", "t9", "absent"),  # someone else
        mark("gone", "t1", "present"),  # unknown session
    ]
    assert total_hours(hours_by_week("t1", SESSIONS, marks)) == HoursTally(
        scheduled=210, attended=210
    )


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_monday_of_is_a_monday_within_the_week(day: dt.date) -> None:
    monday = monday_of(day)
    assert monday.weekday() == 0 and 0 <= (day - monday).days < 7


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(SESSIONS)),
            st.sampled_from(["present", "late", "excused", "absent"]),
            st.integers(0, 60),
        ),
        max_size=12,
    )
)
def test_the_parts_always_add_up(entries: list[tuple[str, str, int]]) -> None:
    marks = []
    for sid, status, minutes in entries:
        late = minutes if status == "late" else 0
        if status == "late" and late == 0:
            late = 5
        early = minutes if status == "present" else 0
        marks.append(mark(sid, "t1", status, late_minutes=late, left_early_minutes=early))
    total = total_hours(hours_by_week("t1", SESSIONS, marks))
    assert total.scheduled == total.attended + total.partly_missed + total.excused + total.absent
    assert 0.0 <= total.absence_rate <= 1.0
