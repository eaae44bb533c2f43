"""One trainee's file: progress per block and skill, history, attendance and driving.

Everything is derived from the stored facts at the moment it is asked for, with the same
domain rules as the dashboard (the latest assessment sets a skill's level, voided facts are
gone), so the trainee file and the dashboard always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer_tui.domain.catalogue import Block, Skill
from trainer_tui.domain.hours import HoursTally, hours_by_week
from trainer_tui.domain.people import Cohort, Trainee, Trainer
from trainer_tui.domain.progress import (
    BlockProgress,
    HoursProgress,
    current_assessments,
    driving_progress,
    progress_by_block,
    training_progress,
)
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session
from trainer_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class SkillLine:
    """A skill of the catalogue and the assessment that sets its current level, if any."""

    block: Block
    skill: Skill
    current: Assessment | None

    def never_assessed(self, not_assessed: int) -> bool:
        """No assessment yet, or the latest one says "not assessed"."""
        return self.current is None or self.current.level == not_assessed


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One assessment with who gave it and in which session."""

    assessment: Assessment
    trainer: Trainer | None
    session: Session | None


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    """A session of the cohort and this trainee's mark (``None`` if not marked)."""

    session: Session
    mark: Attendance | None

    @property
    def minutes(self) -> int:
        """Minutes of the session the trainee attended."""
        return self.mark.minutes_attended(self.session) if self.mark else 0


@dataclass(frozen=True, slots=True)
class TraineeFile:
    """Everything the trainee file shows, newest first where it is a list of events."""

    cohort: Cohort
    trainee: Trainee
    blocks: tuple[BlockProgress, ...]
    skills: tuple[SkillLine, ...]
    history: tuple[HistoryLine, ...]
    attendance: tuple[AttendanceLine, ...]
    training: HoursProgress
    lessons: tuple[DrivingLesson, ...]
    driving: HoursProgress
    #: Hours per week (Monday, tally), oldest first.
    weeks: tuple[tuple[dt.date, HoursTally], ...] = ()

    @property
    def proficient(self) -> int:
        """Active skills at a proficient level."""
        return sum(block.proficient for block in self.blocks)

    @property
    def total(self) -> int:
        """Active skills in the catalogue."""
        return sum(block.total for block in self.blocks)


def load_trainee_file(ws: Workspace, cohort: Cohort, trainee_id: str) -> TraineeFile:
    """The file of ``trainee_id`` in ``cohort`` (``RuleViolation`` if there is none)."""
    records = ws.cohort_records(cohort)
    trainee = next((t for t in records.trainees if t.id == trainee_id), None)
    if trainee is None:
        _, trainee = ws.find_trainee(trainee_id, cohort)
    catalogue = ws.catalogue
    mine = [a for a in records.assessments if a.trainee_id == trainee.id]
    current = current_assessments(mine)
    levels = {skill_id: a.level for skill_id, a in current.items()}
    skills = tuple(
        SkillLine(block, skill, current.get(skill.id))
        for block in catalogue.blocks
        for skill in block.skills
        if not skill.retired or skill.id in current
    )
    trainers = {trainer.id: trainer for trainer in ws.trainers()}
    sessions = {session.id: session for session in records.sessions}
    history = tuple(
        HistoryLine(a, trainers.get(a.trainer_id), sessions.get(a.session_id or ""))
        for a in sorted(mine, key=Assessment.order, reverse=True)
    )
    marks: dict[str, Attendance] = {}
    for mark in records.attendances:  # the last mark of a session counts, as for the totals
        if mark.trainee_id == trainee.id:
            marks[mark.session_id] = mark
    attendance = tuple(
        AttendanceLine(session, marks.get(session.id)) for session in reversed(records.sessions)
    )
    lessons = tuple(reversed([d for d in records.lessons if d.trainee_id == trainee.id]))
    return TraineeFile(
        cohort=cohort,
        trainee=trainee,
        blocks=tuple(progress_by_block(catalogue, levels)),
        skills=skills,
        history=history,
        attendance=attendance,
        training=training_progress(cohort, trainee.id, sessions, records.attendances),
        lessons=lessons,
        driving=driving_progress(cohort, trainee.id, records.lessons),
        weeks=tuple(hours_by_week(trainee.id, sessions, records.attendances).items()),
    )


def find_assessment(file: TraineeFile, assessment_id: str) -> HistoryLine | None:
    """The history line of ``assessment_id`` in ``file``, if it is there."""
    return next((line for line in file.history if line.assessment.id == assessment_id), None)
