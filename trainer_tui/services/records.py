"""How domain records map to storage entities, partitions and changes.

Storage knows kinds, ids and JSON fields; the domain knows pydantic models. This module is
the one place that translates between them.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

from pydantic import BaseModel

from trainer_tui.domain.people import Cohort, Trainee, Trainer
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session
from trainer_tui.storage import Change, EntityState

COHORT: Final = "cohort"
TRAINER: Final = "trainer"
TRAINEE: Final = "trainee"
SESSION: Final = "session"
ATTENDANCE: Final = "attendance"
ASSESSMENT: Final = "assessment"
DRIVING: Final = "driving_lesson"

MODELS: dict[str, type[BaseModel]] = {
    COHORT: Cohort,
    TRAINER: Trainer,
    TRAINEE: Trainee,
    SESSION: Session,
    ATTENDANCE: Attendance,
    ASSESSMENT: Assessment,
    DRIVING: DrivingLesson,
}
KIND_OF: dict[type[BaseModel], str] = {model: kind for kind, model in MODELS.items()}
#: Storage bookkeeping fields that are not part of the domain model.
BOOKKEEPING = frozenset({"deleted", "void_reason"})

ModelT = TypeVar("ModelT", bound=BaseModel)


def attendance_id(session_id: str, trainee_id: str) -> str:
    """One attendance mark per session and trainee: a later mark replaces the earlier one."""
    return f"{session_id}~{trainee_id}"


def entity_id(record: BaseModel) -> str:
    """The storage id of a domain record."""
    if isinstance(record, Attendance):
        return attendance_id(record.session_id, record.trainee_id)
    return str(getattr(record, "id"))  # noqa: B009 - every other model has an id


def values_of(record: BaseModel) -> dict[str, Any]:
    """The JSON fields of a record, without its id."""
    values = record.model_dump(mode="json")
    if not isinstance(record, Attendance):
        values.pop("id")
    return values


def change_for(record: BaseModel) -> Change:
    """A change that writes every field of ``record``.

    An attendance mark has a fixed id (one per session and trainee): marking again after a
    void must bring it back, so a mark always writes ``deleted: False`` too.
    """
    values = values_of(record)
    if isinstance(record, Attendance):
        values["deleted"] = False
    return Change(KIND_OF[type(record)], entity_id(record), values)


def plain_values(entity: EntityState, model: type[BaseModel]) -> dict[str, Any]:
    """An entity's current fields as the domain model expects them (id in, bookkeeping out)."""
    values = dict(entity.values)
    for name in BOOKKEEPING:  # a copy and two pops: cheaper than filtering every field
        values.pop(name, None)
    if model is not Attendance:
        values["id"] = entity.entity_id
    if model is Assessment:
        # Ratings are ordered by the write that made them (a rating is never edited, only
        # voided): the hybrid clock stamp of its level.
        values["stamp"] = entity.stamps.get("level")
    return values


def model_of(entity: EntityState, model: type[ModelT]) -> ModelT:
    """Rebuild a domain record from an entity's current fields."""
    return model.model_validate(plain_values(entity, model))
