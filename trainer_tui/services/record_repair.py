"""Records whose writes do not all hold: the bad writes are set aside, never the record.

Storage merges the writes (ops) of every laptop field by field and knows nothing of the
domain. A write holding a value the domain refuses (a surname of ``12345``, a session dated
``"not-a-date"``: a careless or outdated laptop, or a hand-edited file) would make the whole
record fail validation, and the real trainee or session would vanish from every list and
export. Instead, the record is rebuilt from its writes in causal order, keeping each write
that leaves it valid and setting aside each one that does not (issue 13). This runs only for
records that fail validation, so a clean data folder pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from trainer_tui.services import records as rec
from trainer_tui.storage import EntityState, Op
from trainer_tui.storage.ops import op_key

ModelT = TypeVar("ModelT", bound=BaseModel)
#: How much of a refused value a report quotes.
QUOTED = 40


@dataclass(frozen=True, slots=True)
class RejectedWrite:
    """One write set aside because the record it changes would not hold with it."""

    partition: str
    kind: str
    entity_id: str
    op_id: str
    device: str
    #: The field the domain refused, and the value it was given (quoted, shortened).
    field: str
    value: str


def _replayed(kind: str, entity_id: str, ops: Iterable[Op]) -> EntityState:
    state = EntityState(kind, entity_id)
    for op in ops:
        state.apply(op)
    return state


def _refusal(state: EntityState, model: type[ModelT]) -> tuple[str, str] | None:
    """``(field, value)`` the domain refuses in ``state``, or None if it holds.

    Fields only missing are not a refusal but an incomplete record (``("", "")``): this
    laptop holds an edit of a record whose creation has not reached it yet.
    """
    try:
        rec.model_of(state, model)
    except ValidationError as error:
        problems = [e for e in error.errors() if e["type"] != "missing"]
        if not problems:
            return "", ""
        where = ".".join(str(part) for part in problems[0].get("loc", ())) or "?"
        value = repr(problems[0].get("input"))
        return where, value if len(value) <= QUOTED else value[: QUOTED - 1] + "…"
    return None


def repair(
    partition: str, entity: EntityState, model: type[ModelT]
) -> tuple[ModelT | None, list[RejectedWrite]]:
    """The record ``entity`` makes without the writes it cannot hold, and those writes.

    Writes are replayed in causal order. One that leaves a valid record valid is kept; one
    that makes it invalid is set aside. Before the record is first valid (its creation may
    come in several writes) nothing can be judged: if it never becomes valid, every write of
    it is set aside and there is no record.
    """
    kept: list[Op] = []
    rejected: list[tuple[Op, tuple[str, str]]] = []
    valid = False
    for op in sorted(entity.ops, key=op_key):
        refusal = _refusal(_replayed(entity.kind, entity.entity_id, [*kept, op]), model)
        if refusal is None:
            valid = True
            kept.append(op)
        elif valid:
            rejected.append((op, refusal))
        else:
            kept.append(op)
    state = _replayed(entity.kind, entity.entity_id, kept)
    if not valid:
        refusal = _refusal(state, model) or ("?", "?")
        # Incomplete (its creation has not arrived): nothing to blame yet.
        rejected = [(op, refusal) for op in kept] if refusal[0] else []
    writes = [
        RejectedWrite(partition, entity.kind, entity.entity_id, op["id"], op["dev"], *why)
        for op, why in rejected
    ]
    if not valid or state.deleted:
        return None, writes
    return rec.model_of(state, model), writes
