"""A naive, independent model of what every laptop must converge to (reliability.md R6/R7).

It knows nothing of segments, files or the storage code: it only holds the ops the services
acknowledged, each with the op ids its laptop held in that partition when it was written
(its causal past, as observed by the test, not as recorded in the op's ``prev``). From them it
derives, by brute force:

* the entity values: replay every op in (hlc wall, hlc logical, device, op id) order, the last
  writer winning per (kind, entity id, field);
* the concurrent edits: per field, the ops that no other op setting that field had seen, and a
  conflict when two or more of them disagree on the value;
* the hybrid-clock promise: an op is stamped after every op its laptop had seen;
* erasures (GDPR): an ``_erasure`` op replaces, in every op of its partition, the fields it
  names of the erased entity and of the records naming it (fields left empty stay empty).
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

Op = dict[str, Any]
ERASURE = "_erasure"


def order_key(op: Op) -> tuple[int, int, str, str]:
    """Last-writer-wins order, written out again rather than imported from the store."""
    return (op["hlc"][0], op["hlc"][1], op["dev"], op["id"])


@dataclass(frozen=True, slots=True)
class AckedOp:
    """An op a service returned as saved, where it lives, and what its writer had seen."""

    partition: str
    op: Op
    known: frozenset[str]
    laptop: str


class ConvergenceModel:
    """The union of acknowledged ops and what a correct replica derives from it."""

    def __init__(self) -> None:
        self.acked: dict[str, AckedOp] = {}

    def acknowledge(self, partition: str, op: Op, known: frozenset[str], laptop: str) -> None:
        """Record an acknowledged op (a second report of the same op must be identical)."""
        held = self.acked.get(op["id"])
        if held is not None:
            assert held.op == op and held.partition == partition, f"op id reused: {op['id']}"
            return
        # A JSON round trip: what a laptop reads back from disk must equal this.
        frozen = json.loads(json.dumps(op))
        self.acked[op["id"]] = AckedOp(partition, frozen, known, laptop)

    def partitions(self) -> set[str]:
        """Every partition some acknowledged op was written to."""
        return {acked.partition for acked in self.acked.values()}

    def op_ids(self, partition: str) -> set[str]:
        """The acknowledged op ids of one partition."""
        return {op_id for op_id, acked in self.acked.items() if acked.partition == partition}

    def ops(self, partition: str) -> dict[str, Op]:
        """The acknowledged ops of one partition, by id, as its erasures leave them."""
        ops = {
            op_id: acked.op for op_id, acked in self.acked.items() if acked.partition == partition
        }
        erasures = sorted((op for op in ops.values() if op["kind"] == ERASURE), key=order_key)
        return {op_id: redact(op, erasures) for op_id, op in ops.items()}

    def erased(self) -> list[tuple[str, str]]:
        """``(partition, entity id)`` of every erasure acknowledged."""
        return sorted(
            (acked.partition, acked.op["eid"])
            for acked in self.acked.values()
            if acked.op["kind"] == ERASURE
        )

    def entities(self, partition: str) -> dict[tuple[str, str], dict[str, Any]]:
        """Per (kind, entity id), the field values after a last-writer-wins replay."""
        state: dict[tuple[str, str], dict[str, Any]] = {}
        for op in sorted(self.ops(partition).values(), key=order_key):
            state.setdefault((op["kind"], op["eid"]), {}).update(copy.deepcopy(op["set"]))
        return state

    def conflicts(self) -> list[dict[str, Any]]:
        """Concurrent edits that disagree, as ``status`` lists them (canonical order)."""
        by_field: dict[tuple[str, str, str, str], list[AckedOp]] = defaultdict(list)
        redacted = {part: self.ops(part) for part in self.partitions()}
        for acked in self.acked.values():
            acked = AckedOp(
                acked.partition,
                redacted[acked.partition][acked.op["id"]],
                acked.known,
                acked.laptop,
            )
            op = acked.op
            for name in op["set"]:
                by_field[(acked.partition, op["kind"], op["eid"], name)].append(acked)
        found = []
        values_of: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        for (partition, kind, eid, name), setting in by_field.items():
            heads = [
                a for a in setting if not any(a.op["id"] in b.known for b in setting if b is not a)
            ]
            heads.sort(key=lambda a: order_key(a.op))
            values = [a.op["set"][name] for a in heads]
            if len(heads) < 2 or all(value == values[0] for value in values):
                continue
            if partition not in values_of:
                values_of[partition] = self.entities(partition)
            found.append(
                {
                    "partition": partition,
                    "kind": kind,
                    "id": eid,
                    "field": name,
                    "values": values,
                    "kept": values_of[partition][(kind, eid)][name],
                }
            )
        return sorted(found, key=canonical)

    def causality_violations(self) -> list[str]:
        """Ops not stamped after everything their laptop had seen in the same partition."""
        bad = []
        for acked in self.acked.values():
            mine = order_key(acked.op)
            for seen in acked.known:
                other = self.acked.get(seen)
                if other is None:
                    bad.append(f"{acked.op['id']} saw {seen}, which was never acknowledged")
                elif order_key(other.op) >= mine:
                    bad.append(f"{acked.op['id']} {mine} is not after {seen} {order_key(other.op)}")
        return bad


def redact(op: Op, erasures: list[Op]) -> Op:
    """``op`` as the erasures leave it (written out again from storage/erasure.py's doc)."""
    if op["kind"] == ERASURE:
        return op
    replace: dict[str, Any] = {}
    for erasure in erasures:
        spec = erasure["set"]
        if (op["kind"], op["eid"]) == (spec["target"], erasure["eid"]):
            replace.update(spec["fields"])
        named = spec["link"] and op["set"].get(spec["link"]) == erasure["eid"]
        if named or op["eid"] in spec["linked_entities"]:
            replace.update(spec["linked_fields"])
    values = {
        name: replace[name] if name in replace and value is not None else value
        for name, value in op["set"].items()
    }
    return op if values == op["set"] else {**op, "set": values}


def canonical(value: Any) -> str:
    """A stable text form for comparing JSON-like values regardless of order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
