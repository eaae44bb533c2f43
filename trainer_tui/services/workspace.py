"""The open data folder: the replica, the catalogue, the clock, and read access to records.

Every use case takes a :class:`Workspace`. It is the single owner of the replica for a
process; front ends open one, call services, and close it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee, Trainer
from trainer_tui.domain.records import Assessment, Attendance, DrivingLesson, Session
from trainer_tui.services import records as rec
from trainer_tui.services.errors import write_failed
from trainer_tui.services.record_repair import RejectedWrite, repair
from trainer_tui.storage import GLOBAL, Change, Op, PartitionState, Replica
from trainer_tui.storage.laptops import open_replica

ModelT = TypeVar("ModelT", bound=BaseModel)
Clock = Callable[[], dt.datetime]


@cache
def _list_adapter(model: type[ModelT]) -> TypeAdapter[list[ModelT]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def local_now() -> dt.datetime:
    """The laptop's local time, without time zone (as trainers write it).

    Microseconds are kept: a correction typed a moment after a rating must sort after it.
    """
    return dt.datetime.now()


@dataclass(frozen=True, slots=True)
class CohortRecords:
    """Every live record of one cohort, each list in a stable order."""

    cohort: Cohort
    trainees: list[Trainee] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    lessons: list[DrivingLesson] = field(default_factory=list)


class Workspace:
    """A data folder opened for reading and writing by this process."""

    def __init__(
        self,
        replica: Replica,
        catalogue: Catalogue,
        *,
        clock: Clock | None = None,
        new_id: Callable[[], str] | None = None,
    ) -> None:
        self.replica = replica
        self.catalogue = catalogue
        # Looked up at call time so that tests can freeze the module's clock.
        self.clock: Clock = clock or (lambda: local_now())
        self._new_id = new_id or (lambda: secrets.token_hex(4))
        # Cohort records rebuilt only when their partition changed (a write, a sync): the
        # screens ask for them on every refresh.
        self._records_cache: dict[str, tuple[int, CohortRecords]] = {}
        #: Writes set aside as records were read, by op id (services/record_repair.py).
        self.rejected: dict[str, RejectedWrite] = {}

    @classmethod
    def open(
        cls,
        data_dir: Path,
        catalogue: Catalogue,
        *,
        clock: Clock | None = None,
        new_id: Callable[[], str] | None = None,
        new_op_id: Callable[[], str] | None = None,
        **replica_options: Any,
    ) -> Workspace:
        """Open ``data_dir`` (raises ``StoreLocked`` if another process has it).

        ``new_id`` makes record ids and ``new_op_id`` op ids (random by default; tests pass
        seeded ones); ``replica_options`` (``wall``, ``seal_at``, ``device_id``) go to
        :meth:`Replica.open`, through ``open_replica``: a copied data folder becomes a laptop
        of its own.
        """
        if new_op_id is not None:
            replica_options["new_id"] = new_op_id
        replica = open_replica(data_dir, **replica_options)
        return cls(replica, catalogue, clock=clock, new_id=new_id)

    def close(self) -> None:
        """Seal pending changes and release the data folder."""
        self.replica.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ids and time ----------------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        """A fresh record id such as ``t-3fa9c2d1``."""
        return f"{prefix}-{self._new_id()}"

    def today(self) -> dt.date:
        """Today's date on this laptop."""
        return self.clock().date()

    # -- writing ---------------------------------------------------------------------------

    def save(self, partition: str, *records: BaseModel) -> list[Op]:
        """Write whole records durably in one batch."""
        return self.write(partition, [rec.change_for(r) for r in records])

    def save_fields(
        self, partition: str, kind: str, entity_id: str, values: dict[str, Any]
    ) -> list[Op]:
        """Write some fields of one entity (last writer wins per field)."""
        return self.write(partition, [Change(kind, entity_id, values)])

    def write(self, partition: str, changes: list[Change]) -> list[Op]:
        """Write changes durably, or raise ``RuleViolation("write_failed")`` if the disk refuses.

        A full disk or a vanished folder is shown like any other refusal (one line, nothing
        stored: the atomic write left the previous file whole) instead of ending the app.
        """
        try:
            return self.replica.write(partition, changes)
        except OSError as error:
            raise write_failed(error, "data", self.replica.data_dir) from error

    # -- reading ---------------------------------------------------------------------------

    def partition(self, name: str) -> PartitionState:
        """A partition's state, loaded on first use."""
        return self.replica.partition(name)

    def records(self, partition: str, kind: str, model: type[ModelT]) -> Iterator[ModelT]:
        """Live (not deleted) records of ``kind``, skipping any still incomplete.

        A record is incomplete when this laptop has an edit but not yet its creation (a
        partial copy of the sync folder); it appears once the rest arrives. A write the
        domain refuses is left out of its record and kept in :attr:`rejected`.
        """
        entities = list(self.partition(partition).of_kind(kind))
        try:
            # One validation call for the whole list is three times faster than one per
            # record, which matters at start-up; fall back to one by one if any is invalid.
            yield from _list_adapter(model).validate_python(
                [rec.plain_values(entity, model) for entity in entities]
            )
        except ValidationError:
            for entity in entities:
                try:
                    yield rec.model_of(entity, model)
                except ValidationError:
                    # Never hide a record for one bad write: set that write aside instead.
                    record, writes = repair(partition, entity, model)
                    self.rejected.update((w.op_id, w) for w in writes)
                    if record is not None:
                        yield record

    def cohorts(self) -> list[Cohort]:
        """Every cohort, most recent first."""
        found = list(self.records(GLOBAL, rec.COHORT, Cohort))
        return sorted(found, key=lambda c: (c.start, c.id), reverse=True)

    def trainers(self) -> list[Trainer]:
        """Every trainer, by name."""
        return sorted(self.records(GLOBAL, rec.TRAINER, Trainer), key=lambda t: t.name.casefold())

    def cohort(self, reference: str) -> Cohort:
        """The cohort with this id or name (case-insensitive), or a clear error."""
        wanted = reference.strip().casefold()
        cohorts = self.cohorts()
        for cohort in cohorts:
            if cohort.id.casefold() == wanted or cohort.name.casefold() == wanted:
                return cohort
        raise RuleViolation("unknown_cohort", "cohort", "unknown cohort {cohort}", cohort=reference)

    def trainer(self, reference: str) -> Trainer:
        """The trainer with these initials, id or name, or a clear error."""
        wanted = reference.strip().casefold()
        for trainer in self.trainers():
            if wanted in (
                trainer.initials.casefold(),
                trainer.id.casefold(),
                trainer.name.casefold(),
            ):
                return trainer
        raise RuleViolation(
            "unknown_trainer", "trainer", "unknown trainer {trainer}", trainer=reference
        )

    def cohort_records(self, cohort: Cohort) -> CohortRecords:
        """Everything recorded for ``cohort`` (cached until its partition changes)."""
        version = len(self.partition(cohort.id))
        cached = self._records_cache.get(cohort.id)
        if cached is not None and cached[0] == version and cached[1].cohort == cohort:
            return cached[1]
        records = self._read_cohort_records(cohort)
        self._records_cache[cohort.id] = (version, records)
        return records

    def _read_cohort_records(self, cohort: Cohort) -> CohortRecords:
        part = cohort.id
        return CohortRecords(
            cohort=cohort,
            trainees=sorted(
                self.records(part, rec.TRAINEE, Trainee),
                key=lambda t: (t.last_name.casefold(), t.first_name.casefold(), t.id),
            ),
            sessions=sorted(
                self.records(part, rec.SESSION, Session), key=lambda s: (s.date, s.start, s.id)
            ),
            attendances=list(self.records(part, rec.ATTENDANCE, Attendance)),
            assessments=sorted(
                self.records(part, rec.ASSESSMENT, Assessment), key=Assessment.order
            ),
            lessons=sorted(
                self.records(part, rec.DRIVING, DrivingLesson),
                key=lambda d: (d.date, d.start, d.id),
            ),
        )

    def find_trainee(self, reference: str, cohort: Cohort | None = None) -> tuple[Cohort, Trainee]:
        """A trainee by code or id (in ``cohort``, else in any cohort), or a clear error."""
        wanted = reference.strip().casefold()
        for candidate in [cohort] if cohort else self.cohorts():
            for trainee in self.records(candidate.id, rec.TRAINEE, Trainee):
                if wanted in (trainee.code.casefold(), trainee.id.casefold()):
                    return candidate, trainee
        raise RuleViolation(
            "unknown_trainee", "trainee", "unknown trainee {trainee}", trainee=reference
        )
