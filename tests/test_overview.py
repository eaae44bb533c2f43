"""The cohort overview derived from records, checked by hand on a small cohort."""

from __future__ import annotations

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Trainee
from trainer_tui.services.overview import cohort_overview

from .factories import DAY, assessment, cohort, lesson, mark, session


def test_overview_rows_are_sorted_and_computed(catalogue: Catalogue) -> None:
    trainees = [
        Trainee(id="t1", cohort_id="c1", first_name="Yanis", last_name="Zerrouki", code="AB12"),
        Trainee(id="t2", cohort_id="c1", first_name="Aïcha", last_name="Diallo", code="CD34"),
        Trainee(id="t3", cohort_id="other", first_name="X", last_name="Y", code="EF56"),
    ]
    sessions = [session("s1", "09:00", "12:30"), session("s2", "13:30", "17:00")]
    marks = [
        mark("s1", "t1", "present"),
        mark("s2", "t1", "late", late_minutes=30),
        mark("s1", "t2", "absent"),
        mark("s2", "t2", "present"),
    ]
    ratings = [
        assessment("a1", "SPL-04", 3, "2026-10-05T10:00"),
        assessment("a2", "SPL-04", 2, "2026-10-05T11:00"),
        assessment("a3", "SPL-01", 4, "2026-10-05T11:00", trainee="t2"),
    ]
    lessons = [lesson("l1", DAY, "17:30", 90, trainee="t2")]
    rows = cohort_overview(catalogue, cohort(), trainees, sessions, marks, ratings, lessons)
    assert [row.trainee.id for row in rows] == ["t2", "t1"]
    diallo, zerrouki = rows
    assert diallo.training.done_minutes == 210 and zerrouki.training.done_minutes == 390
    assert diallo.driving.done_minutes == 90 and zerrouki.driving.done_minutes == 0
    assert diallo.proficient == 1 and zerrouki.proficient == 0
    assert diallo.total == zerrouki.total == 100
    assert diallo.never_assessed == 99 and zerrouki.never_assessed == 99
