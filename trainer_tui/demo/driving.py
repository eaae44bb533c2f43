"""Planning the driving lessons of a cohort: who drives when, with which instructor.

Lessons take place on Wednesday afternoons and on weekday evenings after the sessions, each
instructor driving one learner at a time, each learner at most once a day, so neither
instructors nor learners ever have two lessons at once. Learners are paced over the
programme so that the driving hours are spread out, not crammed into the first weeks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from trainer_tui.demo.calendar import (
    EVENING_DRIVING,
    WEDNESDAY,
    WEDNESDAY_DRIVING,
    monday_on_or_after,
    open_days,
)
from trainer_tui.demo.people import Profile
from trainer_tui.domain.people import Trainer

#: Usual lesson lengths at a driving school (minutes); 90 is the most common booking.
LESSON_MINUTES = (60, 90, 90, 120)
#: How far ahead of an even pace a learner may get, in minutes.
PACE_SLACK = 120
#: A struggling trainee misses this share of the lessons they could have had, and books
#: them at this fraction of the even pace: they fall behind on driving too.
MISSED_LESSON_RATE = 0.3
STRUGGLING_PACE = 0.65


@dataclass(frozen=True, slots=True)
class PlannedLesson:
    """A lesson before it becomes a ``DrivingLesson`` record."""

    trainee_id: str
    instructor: Trainer
    start: dt.datetime
    minutes: int
    #: Share of the driving target done before this lesson (0..1), for the competencies.
    progress: float


def _minutes_of(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def plan_driving(
    rng: random.Random,
    profiles: Sequence[Profile],
    instructors: Sequence[Trainer],
    start: dt.date,
    end: dt.date,
    until: dt.date,
    target_minutes: int,
) -> dict[dt.date, list[PlannedLesson]]:
    """Lessons per day from the second week of the programme to ``min(end, until)``."""
    first = monday_on_or_after(start + dt.timedelta(days=7))
    plan: dict[dt.date, list[PlannedLesson]] = defaultdict(list)
    if first > end or target_minutes <= 0 or not instructors:
        return plan
    span = max(1, (end - first).days)
    done = {profile.trainee_id: 0 for profile in profiles}
    for day in open_days(first, min(end, until)):
        pace = target_minutes * (day - first).days / span + PACE_SLACK
        window = WEDNESDAY_DRIVING if day.weekday() == WEDNESDAY else EVENING_DRIVING
        # Whoever cannot come today is decided once for the day (sick, family, no-show).
        candidates = [
            p
            for p in profiles
            if p.present_on(day) and not (p.struggling and rng.random() < MISSED_LESSON_RATE)
        ]
        for instructor in instructors:
            clock = _minutes_of(window[0])
            while True:
                room = _minutes_of(window[1]) - clock
                eligible = [
                    p
                    for p in candidates
                    if done[p.trainee_id]
                    < min(pace * (STRUGGLING_PACE if p.struggling else 1.0), target_minutes)
                ]
                if room < 60 or not eligible:
                    break
                # The learner furthest behind the even pace drives first; the random jitter
                # breaks ties without favouring anyone by name.
                learner = max(
                    eligible, key=lambda p: pace - done[p.trainee_id] + rng.uniform(0, 30)
                )
                remaining = target_minutes - done[learner.trainee_id]
                # Never below 30 minutes: a target that is not a multiple of 30 ends with a
                # slightly longer last lesson rather than an implausible 5-minute one.
                minutes = max(30, min(rng.choice(LESSON_MINUTES), remaining, room))
                begins = dt.datetime.combine(day, dt.time(clock // 60, clock % 60))
                plan[day].append(
                    PlannedLesson(
                        learner.trainee_id,
                        instructor,
                        begins,
                        minutes,
                        done[learner.trainee_id] / target_minutes,
                    )
                )
                done[learner.trainee_id] += minutes
                candidates.remove(learner)
                clock += minutes
    return plan
