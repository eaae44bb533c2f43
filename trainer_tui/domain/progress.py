"""Progress is derived, never stored by hand: these pure functions compute it from facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer_tui.domain.catalogue import Block, Catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session


def current_assessments(assessments: Iterable[Assessment]) -> dict[str, Assessment]:
    """The latest assessment per skill: the one that sets the current level.

    Latest in causal order (:meth:`Assessment.order`), not by ``recorded_at``: a rating made
    after a laptop saw another's supersedes it even when that laptop's clock ran ahead.
    """
    latest: dict[str, Assessment] = {}
    for assessment in assessments:
        held = latest.get(assessment.skill_id)
        if held is None or assessment.order() > held.order():
            latest[assessment.skill_id] = assessment
    return latest


def current_levels(assessments: Iterable[Assessment]) -> dict[str, int]:
    """The current level per skill (latest assessment wins)."""
    return {skill_id: a.level for skill_id, a in current_assessments(assessments).items()}


@dataclass(frozen=True, slots=True)
class BlockProgress:
    """How many active skills of a block are proficient."""

    block_id: str
    proficient: int
    total: int

    @property
    def share(self) -> float:
        """Proficient skills as a fraction of the block (0 for an empty block)."""
        return self.proficient / self.total if self.total else 0.0


def block_progress(block: Block, levels: Mapping[str, int], catalogue: Catalogue) -> BlockProgress:
    """The share of ``block``'s active skills whose current level is proficient."""
    skills = block.active_skills
    proficient = sum(
        1
        for skill in skills
        if catalogue.scale.is_proficient(levels.get(skill.id, catalogue.scale.not_assessed))
    )
    return BlockProgress(block.id, proficient, len(skills))


def progress_by_block(catalogue: Catalogue, levels: Mapping[str, int]) -> list[BlockProgress]:
    """Per-block progress, in catalogue order."""
    return [block_progress(block, levels, catalogue) for block in catalogue.blocks]


def never_assessed(catalogue: Catalogue, levels: Mapping[str, int]) -> list[str]:
    """Active skills with no assessment, or whose latest one is the "not assessed" level."""
    floor = catalogue.scale.not_assessed
    return [
        skill.id
        for block in catalogue.blocks
        for skill in block.active_skills
        if levels.get(skill.id, floor) == floor
    ]


@dataclass(frozen=True, slots=True)
class HoursProgress:
    """Minutes done against a target in minutes."""

    done_minutes: int
    target_minutes: int

    @property
    def share(self) -> float:
        """Done as a fraction of the target (may exceed 1)."""
        return self.done_minutes / self.target_minutes if self.target_minutes else 0.0

    @property
    def remaining_minutes(self) -> int:
        """Minutes still to do (never negative)."""
        return max(0, self.target_minutes - self.done_minutes)


def training_minutes(
    trainee_id: str, sessions: Mapping[str, Session], attendances: Iterable[Attendance]
) -> int:
    """Minutes of training a trainee attended, from attendance marks of known sessions.

    If a session was marked twice for the same trainee, the last mark in ``attendances``
    counts (storage passes them oldest first).
    """
    marks: dict[str, Attendance] = {}
    for mark in attendances:
        if mark.trainee_id == trainee_id and mark.session_id in sessions:
            marks[mark.session_id] = mark
    return sum(mark.minutes_attended(sessions[sid]) for sid, mark in marks.items())


def training_progress(
    cohort: Cohort,
    trainee_id: str,
    sessions: Mapping[str, Session],
    attendances: Iterable[Attendance],
) -> HoursProgress:
    """Training minutes attended against the cohort's target."""
    return HoursProgress(
        training_minutes(trainee_id, sessions, attendances), cohort.training_minutes_target
    )


def driving_progress(
    cohort: Cohort, trainee_id: str, lessons: Iterable[DrivingLesson]
) -> HoursProgress:
    """Driving minutes logged against the cohort's driving target."""
    done = sum(lesson.minutes for lesson in lessons if lesson.trainee_id == trainee_id)
    return HoursProgress(done, cohort.driving_minutes_target)
