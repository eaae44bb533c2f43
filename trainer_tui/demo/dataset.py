"""A bundle of generated records, ready to be written by the storage layer."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from trainer_tui.domain.people import Cohort, Trainee, Trainer
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session

RecordT = TypeVar("RecordT")


def _record_key(record: Any) -> Hashable:
    # Attendance has no id of its own: one mark per trainee and session.
    if isinstance(record, Attendance):
        return (record.session_id, record.trainee_id)
    key: Hashable = record.id
    return key


def _union(
    parts: Sequence[Sequence[RecordT]], key: Callable[[RecordT], Hashable], kind: str
) -> tuple[RecordT, ...]:
    """Records of ``parts`` in order, each key once; the same key with other data is an error."""
    seen: dict[Hashable, RecordT] = {}
    for part in parts:
        for record in part:
            held = seen.setdefault(key(record), record)
            if held is not record and held != record:
                raise ValueError(
                    f"two different {kind} records share the key {key(record)!r}; "
                    "give each generated cohort its own id prefix"
                )
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Dataset:
    """Generated records of every kind, each tuple in the order they happened.

    Counting one storage operation per record, ``len(dataset)`` is the number of operations
    needed to load it.
    """

    cohorts: tuple[Cohort, ...] = ()
    trainers: tuple[Trainer, ...] = ()
    trainees: tuple[Trainee, ...] = ()
    sessions: tuple[Session, ...] = ()
    attendances: tuple[Attendance, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    driving_lessons: tuple[DrivingLesson, ...] = ()

    def counts(self) -> dict[str, int]:
        """The number of records of each kind, by field name."""
        return {field.name: len(getattr(self, field.name)) for field in fields(self)}

    def count(self) -> int:
        """The total number of records (operations)."""
        return sum(self.counts().values())

    def __len__(self) -> int:
        return self.count()

    def merge(self, *others: Dataset) -> Dataset:
        """Return this dataset and ``others`` in one; see ``Dataset.union``."""
        return Dataset.union((self, *others))

    @staticmethod
    def union(datasets: Iterable[Dataset]) -> Dataset:
        """All records of ``datasets``, in order, built in one pass.

        A record present in several datasets (the same trainer in two cohorts) is kept once;
        two different records with the same id raise ``ValueError``, since they would
        overwrite each other in storage.
        """
        parts = list(datasets)
        merged = {
            field.name: _union(
                [getattr(part, field.name) for part in parts], _record_key, field.name
            )
            for field in fields(Dataset)
        }
        return Dataset(**merged)
