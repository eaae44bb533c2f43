"""Attendance marks and assessments, drawn from each trainee's hidden profile."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from trainer_tui.demo import names
from trainer_tui.demo.curriculum import Curriculum
from trainer_tui.demo.driving import PlannedLesson
from trainer_tui.demo.measures import measured_value
from trainer_tui.demo.people import Profile
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.records import (
    Assessment,
    Attendance,
    AttendanceStatus,
    DrivingLesson,
    Session,
)

#: Chances per day of a whole-day absence (unexcused, excused) and per session of arriving
#: late or leaving early: (regular trainee, struggling trainee).
DAY_ABSENT = (0.025, 0.14)
DAY_EXCUSED = (0.025, 0.08)
LATE = (0.05, 0.2)
LEFT_EARLY = (0.015, 0.05)
#: During a struggling trainee's rough patch, every day is missed without notice.
ROUGH_PATCH_ABSENT = 1.0
#: Share of ratings that come with a typed note, and of measurable gestures actually measured.
NOTE_RATE = 0.12
MEASURE_RATE = 0.8


def mark_day(
    rng: random.Random, profiles: Sequence[Profile], day: dt.date
) -> dict[str, AttendanceStatus]:
    """Who misses the whole day: absences come in days (illness, appointments), not hours."""
    away: dict[str, AttendanceStatus] = {}
    for profile in profiles:
        slot = int(profile.struggling)
        draw = rng.random()
        absent = DAY_ABSENT[slot]
        if profile.in_rough_patch(day):
            absent = ROUGH_PATCH_ABSENT
        if draw < absent:
            away[profile.trainee_id] = AttendanceStatus.ABSENT
        elif draw < absent + DAY_EXCUSED[slot]:
            away[profile.trainee_id] = AttendanceStatus.EXCUSED
    return away


class FactMaker:
    """Makes attendance marks and numbered assessments, remembering each trainee's history."""

    def __init__(
        self, catalogue: Catalogue, curriculum: Curriculum, rng: random.Random, id_prefix: str
    ) -> None:
        self.catalogue = catalogue
        self.curriculum = curriculum
        self.rng = rng
        self.id_prefix = id_prefix
        self.assessments: list[Assessment] = []
        #: (trainee id, skill id) -> (times rated so far, last level)
        self._history: dict[tuple[str, str], tuple[int, int]] = {}
        scale = catalogue.scale
        self._best_failing = max(
            (v for v in scale.values if v != scale.not_assessed and not scale.is_proficient(v)),
            default=scale.not_assessed,
        )

    def attendance(
        self, session: Session, profile: Profile, away: AttendanceStatus | None
    ) -> Attendance:
        """The mark of ``profile`` at ``session``; ``away`` is a whole-day absence if any."""
        if away is not None:
            return Attendance(session_id=session.id, trainee_id=profile.trainee_id, status=away)
        rng, slot = self.rng, int(profile.struggling)
        late = rng.randint(1, 9) * 5 if rng.random() < LATE[slot] else 0
        early = rng.randint(1, 6) * 15 if rng.random() < LEFT_EARLY[slot] else 0
        if late + early >= session.minutes:
            early = 0
        status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
        return Attendance(
            session_id=session.id,
            trainee_id=profile.trainee_id,
            status=status,
            late_minutes=late,
            left_early_minutes=early,
        )

    def _note(self, level: int, out_of_tolerance: bool) -> str:
        rng = self.rng
        if out_of_tolerance and rng.random() < 0.5:
            return rng.choice(names.NOTES_OUT_OF_TOLERANCE)
        if rng.random() >= NOTE_RATE:
            return ""
        if self.catalogue.scale.is_proficient(level):
            return rng.choice(names.NOTES_HIGH)
        pool = names.NOTES_MID if level == self._best_failing else names.NOTES_LOW
        return rng.choice(pool)

    def _rate(
        self,
        profile: Profile,
        skill_id: str,
        progress: float,
        trainer_id: str,
        session_id: str | None,
        recorded_at: dt.datetime,
    ) -> None:
        rng = self.rng
        key = (profile.trainee_id, skill_id)
        practice, previous = self._history.get(key, (0, 0))
        level = self.curriculum.level(rng, profile.aptitude, practice, progress)
        if practice:
            # Bad days happen, but a trainee rarely drops more than one level at once.
            level = max(level, previous - 1)
        value = None
        skill = self.catalogue.skill(skill_id)
        spec = skill.measurement
        if spec is not None and rng.random() < MEASURE_RATE:
            succeed = rng.random() < (0.9 if self.catalogue.scale.is_proficient(level) else 0.4)
            value = measured_value(rng, spec, self.catalogue.quantities[spec.quantity], succeed)
            if not spec.accepts(value):
                # A value out of tolerance cannot support a proficient level.
                level = min(level, self._best_failing)
        out = value is not None and spec is not None and not spec.accepts(value)
        self._history[key] = (practice + 1, level)
        self.assessments.append(
            Assessment(
                id=f"{self.id_prefix}a-{len(self.assessments) + 1}",
                trainee_id=profile.trainee_id,
                skill_id=skill_id,
                level=level,
                measured_value=value,
                note=self._note(level, out),
                trainer_id=trainer_id,
                session_id=session_id,
                recorded_at=recorded_at,
            )
        )

    def rate_in_session(
        self, session: Session, mark: Attendance, profile: Profile, skill_id: str, progress: float
    ) -> None:
        """Rate ``profile`` on ``skill_id`` during ``session``, while they were there."""
        day = session.date
        begin = session.start.hour * 60 + session.start.minute + mark.late_minutes + 20
        end = session.end.hour * 60 + session.end.minute - mark.left_early_minutes
        minute = self.rng.randint(begin, max(begin, end))
        minute = min(minute, session.end.hour * 60 + session.end.minute)
        at = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
        self._rate(profile, skill_id, progress, session.trainer_id, session.id, at)

    def rate_driving(
        self, lesson: DrivingLesson, planned: PlannedLesson, profile: Profile, skill_id: str
    ) -> None:
        """The instructor's rating of a competency, at the end of the lesson."""
        self._rate(profile, skill_id, planned.progress, planned.instructor.id, None, lesson.ends_at)
