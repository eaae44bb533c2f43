"""Progress rules against hand-computed cases."""

from __future__ import annotations

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.progress import (
    block_progress,
    current_levels,
    driving_progress,
    never_assessed,
    progress_by_block,
    training_minutes,
    training_progress,
)
from trainer_tui.domain.records import Session

from .factories import DAY, assessment, cohort, lesson, mark, session


def test_latest_assessment_wins_whatever_the_input_order() -> None:
    history = [
        assessment("a3", "SPL-04", 3, "2026-10-07T10:00"),
        assessment("a1", "SPL-04", 1, "2026-10-01T10:00"),
        assessment("a2", "SPL-04", 2, "2026-10-03T10:00"),
        assessment("b1", "SPL-01", 4, "2026-10-02T10:00"),
    ]
    assert current_levels(history) == {"SPL-04": 3, "SPL-01": 4}
    assert current_levels(reversed(history)) == {"SPL-04": 3, "SPL-01": 4}


def test_a_lower_later_rating_lowers_the_level() -> None:
    history = [
        assessment("a1", "SPL-04", 4, "2026-10-01T10:00"),
        assessment("a2", "SPL-04", 2, "2026-10-09T10:00"),
    ]
    assert current_levels(history) == {"SPL-04": 2}


def test_same_instant_ties_broken_by_id_on_every_laptop() -> None:
    first = assessment("a-1", "SPL-04", 2, "2026-10-01T10:00")
    second = assessment("a-2", "SPL-04", 3, "2026-10-01T10:00")
    assert current_levels([first, second]) == current_levels([second, first]) == {"SPL-04": 3}


def test_block_share_counts_only_proficient_levels(catalogue: Catalogue) -> None:
    # SPL has 8 skills: two at 3 or 4 are proficient, the one at 2 is not: 2/8 = 25 %.
    levels = {"SPL-01": 3, "SPL-02": 4, "SPL-03": 2, "SEC-01": 4}
    spl = block_progress(catalogue.blocks[3], levels, catalogue)
    assert (spl.block_id, spl.proficient, spl.total) == ("SPL", 2, 8)
    assert spl.share == 0.25
    by_block = {row.block_id: row for row in progress_by_block(catalogue, levels)}
    assert by_block["SEC"].proficient == 1 and by_block["SEC"].total == 10
    assert by_block["MES"].proficient == 0 and by_block["MES"].share == 0.0


def test_never_assessed_includes_level_zero(catalogue: Catalogue) -> None:
    levels = {skill.id: 2 for skill in catalogue.skills}
    levels["PRE-03"] = 0
    del levels["CND-C4-B"]
    assert never_assessed(catalogue, levels) == ["PRE-03", "CND-C4-B"]


def test_training_minutes_with_late_early_excused_and_absent() -> None:
    sessions: dict[str, Session] = {
        "s1": session("s1", "09:00", "12:30"),  # 210 min
        "s2": session("s2", "13:30", "17:00"),  # 210 min
        "s3": session("s3", "09:00", "12:00", date=DAY.replace(day=6)),  # 180 min
        "s4": session("s4", "13:00", "17:00", date=DAY.replace(day=6)),  # 240 min
    }
    marks = [
        mark("s1", "t1", "late", late_minutes=20),  # 190
        mark("s2", "t1", "present", left_early_minutes=30),  # 180
        mark("s3", "t1", "excused"),  # 0
        mark("s4", "t1", "absent"),  # 0
        mark("s1", "t2", "present"),  # someone else's
    ]
    assert training_minutes("t1", sessions, marks) == 190 + 180
    progress = training_progress(cohort(), "t1", sessions, marks)
    assert progress.target_minutes == 400 * 60
    assert progress.remaining_minutes == 24000 - 370
    assert abs(progress.share - 370 / 24000) < 1e-12


def test_a_corrected_mark_replaces_the_earlier_one() -> None:
    sessions = {"s1": session("s1", "09:00", "12:30")}
    marks = [mark("s1", "t1", "absent"), mark("s1", "t1", "late", late_minutes=15)]
    assert training_minutes("t1", sessions, marks) == 195


def test_marks_of_unknown_sessions_are_ignored() -> None:
    assert training_minutes("t1", {}, [mark("gone", "t1", "present")]) == 0


def test_driving_minutes_against_21_hours() -> None:
    lessons = [
        lesson("l1", DAY, "17:30", 60),
        lesson("l2", DAY.replace(day=7), "17:30", 90),
        lesson("l3", DAY, "17:30", 120, trainee="t2"),
    ]
    progress = driving_progress(cohort(), "t1", lessons)
    assert (progress.done_minutes, progress.target_minutes) == (150, 21 * 60)
    assert progress.remaining_minutes == 1260 - 150


def test_driving_target_reached_leaves_nothing_remaining() -> None:
    lessons = [lesson(f"l{i}", DAY.replace(day=1 + i), "17:00", 240) for i in range(6)]
    progress = driving_progress(cohort(driving_hours_target=21), "t1", lessons)
    assert progress.done_minutes == 1440 and progress.remaining_minutes == 0
    assert progress.share > 1
