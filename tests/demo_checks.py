"""The check that every record of a generated dataset passes the domain rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from trainer_tui.demo import Dataset
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.records import DrivingLesson
from trainer_tui.domain.rules import check_assessment, check_attendance, check_driving_lesson


def check_all(dataset: Dataset, catalogue: Catalogue, today: dt.date) -> None:
    """Every record passes the domain rules, lessons against the trainee's other lessons."""
    sessions = {session.id: session for session in dataset.sessions}
    cohorts = {cohort.id: cohort for cohort in dataset.cohorts}
    cohort_of = {trainee.id: cohorts[trainee.cohort_id] for trainee in dataset.trainees}
    for assessment in dataset.assessments:
        check_assessment(assessment, catalogue, today)
    for mark in dataset.attendances:
        check_attendance(mark, sessions[mark.session_id])
    lessons: dict[str, list[DrivingLesson]] = defaultdict(list)
    for lesson in dataset.driving_lessons:
        lessons[lesson.trainee_id].append(lesson)
    for lesson in dataset.driving_lessons:
        check_driving_lesson(
            lesson, cohort_of[lesson.trainee_id], catalogue, today, lessons[lesson.trainee_id]
        )
