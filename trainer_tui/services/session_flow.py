"""The practical session as the TUI runs it: slots, who is rateable, ratings with undo and redo.

Thin helpers over :mod:`trainer_tui.services.activity`; everything stored still goes through
its functions (``record_session``, ``mark_attendance``, ``rate_many``, ``void``), except
:func:`void_many`, which voids a whole column of ratings in one durable write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trainer_tui.domain.catalogue import Catalogue, Skill
from trainer_tui.domain.people import Cohort, Trainee, Trainer
from trainer_tui.domain.progress import current_assessments
from trainer_tui.domain.records import Assessment, Attendance, AttendanceStatus, Session
from trainer_tui.domain.rules import suggested_level
from trainer_tui.services import activity
from trainer_tui.services import records as rec
from trainer_tui.services.workspace import CohortRecords, Workspace
from trainer_tui.storage import Change

#: The two usual half-days of the programme.
SLOTS: dict[str, tuple[dt.time, dt.time]] = {
    "morning": (dt.time(9, 0), dt.time(12, 30)),
    "afternoon": (dt.time(13, 30), dt.time(17, 0)),
}
#: Statuses of trainees who were in the room, hence can be rated.
IN_ROOM = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)

#: One rating as ``activity.rate_many`` takes it: trainee, skill, level, measured value, note.
Rating = tuple[Trainee, str, int, float | None, str]


def default_slot(now: dt.datetime) -> str:
    """The slot a trainer is most likely recording at ``now`` (the morning until lunch)."""
    return "morning" if now.time() < dt.time(13, 0) else "afternoon"


def last_trainer(records: CohortRecords, trainers: Sequence[Trainer]) -> Trainer | None:
    """The trainer of the cohort's latest session, else the first trainer, else ``None``."""
    by_id = {trainer.id: trainer for trainer in trainers}
    for session in reversed(records.sessions):
        if session.trainer_id in by_id:
            return by_id[session.trainer_id]
    return trainers[0] if trainers else None


def session_trainees(records: CohortRecords, session: Session) -> list[Trainee]:
    """The trainees expected at ``session``: those still in the programme that day."""
    return activity.present_trainees(records.trainees, session.date)


def marks_of(records: CohortRecords, session: Session) -> dict[str, Attendance]:
    """The attendance marks stored for ``session``, by trainee id."""
    return {a.trainee_id: a for a in records.attendances if a.session_id == session.id}


def check_mark(session: Session, mark: activity.Mark) -> None:
    """Check one mark before it is kept on screen (raises ``RuleViolation``)."""
    activity.build_mark(session, mark)


def current_cells(
    records: CohortRecords, trainee_ids: Iterable[str], skill_ids: Iterable[str]
) -> dict[tuple[str, str], Assessment]:
    """The current assessment (latest wins) of each (trainee, skill) that has one."""
    wanted_trainees, wanted_skills = set(trainee_ids), set(skill_ids)
    by_trainee: dict[str, list[Assessment]] = {}
    for assessment in records.assessments:
        if assessment.trainee_id in wanted_trainees and assessment.skill_id in wanted_skills:
            by_trainee.setdefault(assessment.trainee_id, []).append(assessment)
    cells = {}
    for trainee_id, assessments in by_trainee.items():
        for skill_id, current in current_assessments(assessments).items():
            cells[(trainee_id, skill_id)] = current
    return cells


@dataclass(frozen=True, slots=True)
class GridData:
    """What the rating grid of a session shows, loaded once."""

    rows: list[Trainee]
    rateable: set[str]
    marks: dict[str, Attendance]
    cells: dict[tuple[str, str], Assessment]
    skills: list[Skill]
    trainer: Trainer | None


def grid_data(ws: Workspace, cohort: Cohort, session: Session) -> GridData:
    """The trainees of ``session`` (those in the room first), their marks and current levels.

    No mark stored yet means everyone is taken as present, as the attendance screen assumes.
    """
    records = ws.cohort_records(cohort)
    marks = marks_of(records, session)
    expected = session_trainees(records, session)
    rateable = {tr.id for tr in expected if tr.id not in marks or marks[tr.id].status in IN_ROOM}
    rows = [tr for tr in expected if tr.id in rateable]
    rows += [tr for tr in expected if tr.id not in rateable]
    catalogue = ws.catalogue
    skills = [catalogue.skill(s) for s in session.skill_ids if catalogue.has_skill(s)]
    cells = current_cells(records, [tr.id for tr in expected], session.skill_ids)
    trainer = next((tr for tr in ws.trainers() if tr.id == session.trainer_id), None)
    return GridData(rows, rateable, marks, cells, skills, trainer)


def rating_time(ws: Workspace, replaced: Iterable[Assessment | None]) -> dt.datetime:
    """The time shown for new ratings: never before the ones they replace.

    What wins is the causal order of writes (a correction always does); this only keeps the
    times shown in a trainee's history increasing with it when the clock has whole seconds.
    """
    now = ws.clock()
    for previous in replaced:
        if previous is not None and previous.recorded_at >= now:
            now = previous.recorded_at + dt.timedelta(microseconds=1)
    return now


def void_many(ws: Workspace, cohort: Cohort, assessment_ids: Sequence[str], reason: str) -> None:
    """Void several assessments of ``cohort`` in one durable write (one is ``activity.void``)."""
    if len(assessment_ids) == 1:
        activity.void(ws, assessment_ids[0], reason)
        return
    changes = [
        Change(rec.ASSESSMENT, aid, {"deleted": True, "void_reason": reason})
        for aid in assessment_ids
    ]
    ws.write(cohort.id, changes)


@dataclass(slots=True)
class Step:
    """One trainer action in the grid: the ratings asked, those stored, those they replaced."""

    ratings: list[Rating]
    made: list[Assessment]
    before: list[Assessment | None]


@dataclass(slots=True)
class RatingJournal:
    """Rate, undo and redo within one session; every call is one durable write.

    Undo voids the assessments a step made (they stay in the history as void), so the level
    each cell had before shows again; redo rates the same values again.
    """

    ws: Workspace
    cohort: Cohort
    session: Session
    trainer: Trainer
    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)

    def rate(self, ratings: list[Rating], before: list[Assessment | None]) -> Step:
        """Store ``ratings`` (replacing the ``before`` assessments); forget the redo stack."""
        step = Step(ratings, self._store(ratings, before), before)
        self.done.append(step)
        self.undone.clear()
        return step

    def undo(self) -> Step | None:
        """Void the last step's assessments; ``None`` when there is nothing to undo."""
        if not self.done:
            return None
        step = self.done[-1]
        void_many(self.ws, self.cohort, [a.id for a in step.made], "undo")
        self.undone.append(self.done.pop())
        return step

    def redo(self) -> Step | None:
        """Rate again what the last undo removed; ``None`` when there is nothing to redo."""
        if not self.undone:
            return None
        step = self.undone[-1]
        step.made = self._store(step.ratings, step.before)
        self.done.append(self.undone.pop())
        return step

    def _store(self, ratings: list[Rating], before: list[Assessment | None]) -> list[Assessment]:
        return activity.rate_many(
            self.ws,
            self.cohort,
            ratings,
            trainer=self.trainer,
            session=self.session,
            at=rating_time(self.ws, before),
        )


def measured_rating(catalogue: Catalogue, trainee: Trainee, skill: Skill, value: float) -> Rating:
    """A measured value rated at the level it suggests (checked when stored)."""
    level = suggested_level(skill, value, catalogue)
    return (trainee, skill.id, catalogue.scale.not_assessed if level is None else level, value, "")


def note_rating(
    catalogue: Catalogue,
    session: Session,
    trainee: Trainee,
    skill_id: str,
    current: Assessment | None,
    note: str,
) -> Rating:
    """A note on a cell: a new assessment at the cell's current level, carrying the note.

    A value measured in this same session stays with it; one from an earlier session does not
    (it describes another attempt).
    """
    level = current.level if current else catalogue.scale.not_assessed
    same = current is not None and current.session_id == session.id
    value = current.measured_value if current is not None and same else None
    return (trainee, skill_id, level, value, note.strip())
