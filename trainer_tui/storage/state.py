"""Fold ops into entity states: last writer wins per field, concurrent edits flagged.

Applying the same set of ops in any order, any number of times, gives the same state: the
union of ops is commutative, associative and idempotent, and each field takes the value of
the greatest op (by :func:`op_key`) that sets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from trainer_tui.storage.erasure import ERASURE, ErasureIndex
from trainer_tui.storage.ops import Op, OpKey, op_key

#: The field every kind may carry to delete (or void) an entity; a tombstone is kept forever.
DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more edits of one field made without seeing each other."""

    kind: str
    entity_id: str
    field: str
    values: tuple[Any, ...]
    op_ids: tuple[str, ...]
    winner: Any


@dataclass(slots=True)
class EntityState:
    """The current fields of one entity and the ops that set them."""

    kind: str
    entity_id: str
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, OpKey] = field(default_factory=dict)
    ops: list[Op] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        """Whether the entity is deleted (or voided)."""
        return bool(self.values.get(DELETED, False))

    def apply(self, op: Op) -> None:
        """Take ``op`` into account (the caller guarantees each op comes once)."""
        key = op_key(op)
        if not self.ops:  # the first op (of most facts, the only one): copy it whole
            self.ops.append(op)
            self.values.update(op["set"])
            self.stamps = dict.fromkeys(op["set"], key)
            return
        self.ops.append(op)
        stamps, values = self.stamps, self.values
        for name, value in op["set"].items():
            held = stamps.get(name)
            if held is None or key > held:
                values[name] = value
                stamps[name] = key

    def rebuild(self) -> None:
        """Fold the entity's ops again (after some of them were redacted)."""
        ops, self.ops, self.values, self.stamps = self.ops, [], {}, {}
        for op in ops:
            self.apply(op)

    def heads(self, name: str) -> list[Op]:
        """The ops setting ``name`` that no other op setting it has seen."""
        setting = [op for op in self.ops if name in op["set"]]
        seen = {prev for op in setting for prev in op["prev"]}
        return sorted((op for op in setting if op["id"] not in seen), key=op_key)

    def conflicts(self) -> list[Conflict]:
        """Fields whose concurrent edits disagree (deterministic, sorted by field)."""
        if len(self.ops) < 2:
            return []
        found = []
        for name in sorted({name for op in self.ops for name in op["set"]}):
            heads = self.heads(name)
            values = [op["set"][name] for op in heads]
            if len(heads) > 1 and any(value != values[0] for value in values):
                found.append(
                    Conflict(
                        self.kind,
                        self.entity_id,
                        name,
                        tuple(values),
                        tuple(op["id"] for op in heads),
                        self.values[name],
                    )
                )
        return found


class PartitionState:
    """Every entity of one partition (a cohort, or the global partition), folded from ops."""

    def __init__(self, name: str, horizon: int = 2**62) -> None:
        self.name = name
        #: Ops stamped after this wall time (ms) are kept aside in ``future``, not applied.
        self.horizon = horizon
        self.future: dict[str, Op] = {}
        self.entities: dict[tuple[str, str], EntityState] = {}
        # The same entities by kind: screens ask for one kind at a time, often.
        self._by_kind: dict[str, dict[str, EntityState]] = {}
        self.op_ids: dict[str, Op] = {}
        self.max_stamp: tuple[int, int] = (0, 0)
        #: Op ids seen twice with different content: a cloned or restored device.
        self.clashes: set[str] = set()
        #: Erasures seen in this partition: every op is redacted by them as it is applied.
        self.erasures = ErasureIndex()
        # The other bodies of clashing ops: a redacted copy that arrived before its erasure
        # is not a clash once the erasure is known.
        self._clash_copies: dict[str, list[Op]] = {}

    def __len__(self) -> int:
        return len(self.op_ids)

    def apply(self, ops: Iterable[Op]) -> int:
        """Apply ``ops``, skipping those already applied; return how many were new."""
        added = 0
        # Locals, not attributes, in this loop: it runs for every op of a cohort on opening.
        op_ids, entities, erasures = self.op_ids, self.entities, self.erasures
        newest, horizon = list(self.max_stamp), self.horizon
        for op in ops:
            if op["hlc"][0] > horizon:
                self.future[op["id"]] = op
                continue
            if op["kind"] == ERASURE:
                self._erase(op)
            elif erasures:
                op = erasures.redact(op)
            op_id = op["id"]
            held = op_ids.get(op_id)
            if held is not None:
                if held != op:
                    self.clashes.add(op_id)
                    self._clash_copies.setdefault(op_id, []).append(op)
                continue
            op_ids[op_id] = op
            key = (op["kind"], op["eid"])
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = EntityState(key[0], key[1])
                self._by_kind.setdefault(key[0], {})[key[1]] = entity
            entity.apply(op)
            if op["hlc"] > newest:
                newest = op["hlc"]
            added += 1
        self.max_stamp = (newest[0], newest[1])
        return added

    def _erase(self, op: Op) -> None:
        """Take a new erasure into account: redact the ops already applied that it covers."""
        if self.erasures.add(op) is None:
            return
        touched: set[tuple[str, str]] = set()
        for op_id, held in self.op_ids.items():
            redacted = self.erasures.redact(held)
            if redacted is not held:
                self.op_ids[op_id] = redacted
                touched.add((held["kind"], held["eid"]))
        for key in touched:
            entity = self.entities[key]
            entity.ops = [self.op_ids[held["id"]] for held in entity.ops]
            entity.rebuild()
        for op_id in sorted(self.clashes):
            copies = self._clash_copies.get(op_id, [])
            if all(self.erasures.redact(copy) == self.op_ids[op_id] for copy in copies):
                self.clashes.discard(op_id)
                self._clash_copies.pop(op_id, None)

    def get(self, kind: str, entity_id: str) -> EntityState | None:
        """The entity, deleted or not; ``None`` if no op ever touched it."""
        return self.entities.get((kind, entity_id))

    def of_kind(self, kind: str, *, include_deleted: bool = False) -> Iterator[EntityState]:
        """Entities of ``kind`` in a stable order (by id)."""
        chosen = self._by_kind.get(kind, {})
        for entity_id in sorted(chosen):
            entity = chosen[entity_id]
            if include_deleted or not entity.deleted:
                yield entity

    def conflicts(self) -> list[Conflict]:
        """Every concurrent edit still visible in this partition, in a stable order."""
        found = []
        for key in sorted(self.entities):
            found.extend(self.entities[key].conflicts())
        return found

    def prev_for(self, kind: str, entity_id: str, fields: Iterable[str]) -> list[str]:
        """The op ids a new edit of ``fields`` has seen: the current heads of those fields."""
        entity = self.get(kind, entity_id)
        if entity is None:
            return []
        return sorted({op["id"] for name in fields for op in entity.heads(name)})
