"""The cohort overview: one row per trainee with progress, hours and driving.

It works on plain domain records, so any source (the demo generator today, the local replica
once storage lands) can feed it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.progress import (
    BlockProgress,
    HoursProgress,
    current_levels,
    driving_progress,
    never_assessed,
    progress_by_block,
    training_progress,
)
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session
from trainer_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TraineeOverview:
    """Where one trainee stands."""

    trainee: Trainee
    blocks: tuple[BlockProgress, ...]
    training: HoursProgress
    driving: HoursProgress
    never_assessed: int

    @property
    def proficient(self) -> int:
        """Active skills at a proficient level, all blocks together."""
        return sum(block.proficient for block in self.blocks)

    @property
    def total(self) -> int:
        """Active skills in the catalogue."""
        return sum(block.total for block in self.blocks)


def cohort_overview(
    catalogue: Catalogue,
    cohort: Cohort,
    trainees: Iterable[Trainee],
    sessions: Iterable[Session],
    attendances: Iterable[Attendance],
    assessments: Iterable[Assessment],
    lessons: Iterable[DrivingLesson],
) -> list[TraineeOverview]:
    """One overview row per trainee of ``cohort``, sorted by last then first name."""
    members = sorted(
        (trainee for trainee in trainees if trainee.cohort_id == cohort.id),
        key=lambda trainee: (trainee.last_name.casefold(), trainee.first_name.casefold()),
    )
    cohort_sessions = {
        session.id: session for session in sessions if session.cohort_id == cohort.id
    }
    # Grouped once: each trainee's row then reads only their own records.
    marks: dict[str, list[Attendance]] = defaultdict(list)
    for mark in attendances:
        marks[mark.trainee_id].append(mark)
    by_trainee: dict[str, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        by_trainee[assessment.trainee_id].append(assessment)
    lessons_list = list(lessons)
    rows = []
    for trainee in members:
        levels = current_levels(by_trainee[trainee.id])
        rows.append(
            TraineeOverview(
                trainee=trainee,
                blocks=tuple(progress_by_block(catalogue, levels)),
                training=training_progress(cohort, trainee.id, cohort_sessions, marks[trainee.id]),
                driving=driving_progress(cohort, trainee.id, lessons_list),
                never_assessed=len(never_assessed(catalogue, levels)),
            )
        )
    return rows


def overview_of_cohort(ws: Workspace, cohort: Cohort) -> list[TraineeOverview]:
    """The overview rows of ``cohort`` as stored in the workspace."""
    records = ws.cohort_records(cohort)
    return cohort_overview(
        ws.catalogue,
        cohort,
        records.trainees,
        records.sessions,
        records.attendances,
        records.assessments,
        records.lessons,
    )
