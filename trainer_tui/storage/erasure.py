"""Erasure: an op that removes a person's identifying fields from every copy of the data.

The op log is otherwise add-only, so an erasure (GDPR art. 17) is itself an op, replicated
like any other (reliability.md §5)::

    {"kind": "_erasure", "eid": "t-3fa9c2d1", "set": {
        "target": "trainee",                     # the erased entity's kind (eid above)
        "fields": {"first_name": "Anonyme", "email": null, ...},   # what they become
        "link": "trainee_id",                    # the field by which records name it
        "linked_fields": {"note": "", "comment": ""},               # cleared in those
        "linked_entities": ["a-91c2", ...]}}    # records naming it, also by their later ops

Applying it rewrites every op that set one of these fields: the entity's own ops, and the
ops of records whose ``link`` field names it, and every op of the records listed as naming it
when the erasure was made (a later op voiding one does not repeat the link). The replacement
values are part of the op and the rewrite keeps every other byte in place, so two laptops
that redact the same segment produce the same bytes, hence the same content-hashed name:
redacted copies converge like any other file, and the original names are *superseded*, to
be deleted wherever they are found (this laptop's replica, the sync folder). This is the one
documented exception to "a sealed file is never rewritten or deleted".

Storage knows nothing of trainees: which fields identify a person is the caller's policy,
carried by the op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer_tui.storage.files import fsync_dir, write_atomic
from trainer_tui.storage.layout import segment_files
from trainer_tui.storage.local import load_local_json, save_local_json
from trainer_tui.storage.ops import Op
from trainer_tui.storage.segments import (
    BadSegment,
    Segment,
    encode_segment,
    read_segment,
    segment_name,
)

#: The kind of erasure ops (a leading underscore: storage bookkeeping, no domain record).
ERASURE = "_erasure"
#: This laptop's record of the erasures already carried out on its files (never synced).
REGISTRY_FILE = "erasures.json"


@dataclass(frozen=True, slots=True)
class ErasureSpec:
    """What one erasure replaces: an entity's fields, and fields of the records naming it."""

    target: str
    entity_id: str
    fields: Mapping[str, Any]
    link: str = ""
    linked_fields: Mapping[str, Any] = field(default_factory=dict)
    linked_entities: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        """The ``set`` of the erasure op."""
        return {
            "target": self.target,
            "fields": dict(self.fields),
            "link": self.link,
            "linked_fields": dict(self.linked_fields),
            "linked_entities": sorted(self.linked_entities),
        }

    @classmethod
    def of(cls, op: Op) -> ErasureSpec | None:
        """The spec an erasure op carries, or ``None`` if it is malformed (then ignored)."""
        values = op["set"]
        fields, linked = values.get("fields"), values.get("linked_fields", {})
        target, link = values.get("target"), values.get("link", "")
        entities = values.get("linked_entities", [])
        if not (isinstance(target, str) and isinstance(fields, dict)):
            return None
        if not (isinstance(link, str) and isinstance(linked, dict)):
            return None
        if not (isinstance(entities, list) and all(isinstance(e, str) for e in entities)):
            return None
        return cls(target, op["eid"], fields, link, linked, tuple(entities))


class ErasureIndex:
    """The erasures known for one partition, indexed to redact ops quickly."""

    def __init__(self) -> None:
        self.op_ids: set[str] = set()
        self._targets: dict[tuple[str, str], dict[str, Any]] = {}
        self._links: dict[str, dict[str, dict[str, Any]]] = {}
        self._entities: dict[str, dict[str, Any]] = {}

    def __bool__(self) -> bool:
        return bool(self.op_ids)

    def add(self, op: Op) -> ErasureSpec | None:
        """Take an erasure op into account; return its spec if it was new and well formed."""
        if op["id"] in self.op_ids:
            return None
        spec = ErasureSpec.of(op)
        if spec is None:
            return None
        self.op_ids.add(op["id"])
        # Two erasures of one entity carry the same replacement values (the policy derives
        # them from the entity id), so merging them in any order gives the same result.
        self._targets.setdefault((spec.target, spec.entity_id), {}).update(spec.fields)
        if spec.link and spec.linked_fields:
            by_id = self._links.setdefault(spec.link, {})
            by_id.setdefault(spec.entity_id, {}).update(spec.linked_fields)
            for entity_id in spec.linked_entities:
                self._entities.setdefault(entity_id, {}).update(spec.linked_fields)
        return spec

    def add_all(self, ops: Iterable[Op]) -> None:
        """Take every erasure op among ``ops`` into account."""
        for op in ops:
            if op["kind"] == ERASURE:
                self.add(op)

    def redact(self, op: Op) -> Op:
        """``op`` with the erased fields replaced (the same object if nothing changes).

        Keys keep their order and nothing else changes, so the result is deterministic.
        """
        if op["kind"] == ERASURE or not self.op_ids:
            return op
        values: Mapping[str, Any] = op["set"]
        replace = dict(self._targets.get((op["kind"], op["eid"]), {}))
        replace.update(self._entities.get(op["eid"], {}))
        for link, by_id in self._links.items():
            named = values.get(link)
            if isinstance(named, str) and named in by_id:
                replace.update(by_id[named])
        # A field left empty (None) holds nothing to erase, and must stay empty: filling it
        # could break the record's own rules (a leaving reason on a trainee still here).
        changed = {k: v for k, v in replace.items() if values.get(k) is not None and values[k] != v}
        if not changed:
            return op
        redacted = dict(op)
        redacted["set"] = {k: changed.get(k, v) for k, v in values.items()}
        return redacted


@dataclass(slots=True)
class ErasureRegistry:
    """Which erasures this laptop has carried out on its files, and the names they superseded.

    Kept in ``local/erasures.json`` (no personal data: op ids, entity ids, file names). It
    lets a sync redact incoming segments without reading the partition, and delete superseded
    files from the sync folder without reading them.
    """

    erasures: dict[str, list[Op]] = field(default_factory=dict)
    superseded: set[tuple[str, str, str]] = field(default_factory=set)
    #: Built once per partition: a sync asks for it with every segment it imports.
    _indexes: dict[str, ErasureIndex] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, data_dir: Path) -> ErasureRegistry:
        """The registry of ``data_dir`` (empty when there is none)."""
        raw = load_local_json(data_dir, REGISTRY_FILE)
        erasures = raw.get("erasures", {})
        superseded = raw.get("superseded", [])
        registry = cls()
        if isinstance(erasures, dict):
            registry.erasures = {
                str(part): [op for op in ops if isinstance(op, dict)]
                for part, ops in erasures.items()
                if isinstance(ops, list)
            }
        if isinstance(superseded, list):
            registry.superseded = {
                (str(item[0]), str(item[1]), str(item[2]))
                for item in superseded
                if isinstance(item, list) and len(item) == 3
            }
        return registry

    def save(self, data_dir: Path) -> None:
        """Write the registry durably: a lost entry would let an erased name come back."""
        content = {
            "erasures": self.erasures,
            "superseded": sorted(list(item) for item in self.superseded),
        }
        save_local_json(data_dir, REGISTRY_FILE, content)

    def index(self, partition: str) -> ErasureIndex:
        """The erasures carried out in ``partition``."""
        index = self._indexes.get(partition)
        if index is None:
            index = self._indexes[partition] = ErasureIndex()
            index.add_all(self.erasures.get(partition, []))
        return index

    def carried_out(self, partition: str, ops: list[Op]) -> None:
        """Record that ``ops`` (every erasure of ``partition``) are carried out here."""
        self.erasures[partition] = sorted(ops, key=lambda op: op["id"])
        self._indexes.pop(partition, None)

    def done(self, partition: str) -> set[str]:
        """Ids of the erasure ops of ``partition`` already carried out here."""
        return {op["id"] for op in self.erasures.get(partition, [])}


def redacted_segment(
    index: ErasureIndex, segment: Segment, sign: Callable[[bytes], bytes]
) -> Segment | None:
    """The redacted copy of ``segment``, or ``None`` if it holds nothing ``index`` erases.

    The copy keeps the partition, device and sequence number; only its hash, hence its
    name, changes. Its body is the same on every laptop; ``sign`` (this laptop's key) signs
    it, since the original's signature no longer covers it (storage/trust.py admits a
    redacted copy signed by any of the school's laptops).
    """
    ops = [index.redact(op) for op in segment.ops]
    if all(new is old for new, old in zip(ops, segment.ops, strict=True)):
        return None
    body = encode_segment(
        segment.partition,
        segment.device,
        segment.seq,
        ops,
        redacted=True,
        handover=segment.handover,
    )
    data = sign(body)
    name = segment_name(segment.seq, data)
    return Segment(
        name,
        segment.partition,
        segment.device,
        segment.seq,
        tuple(ops),
        data,
        body,
        redacted=True,
        handover=segment.handover,
    )


def rewrite_erased_segments(
    root: Path,
    partition: str,
    index: ErasureIndex,
    set_aside: Callable[[Path, str, str], None],
    sign: Callable[[bytes], bytes],
) -> list[tuple[str, str]]:
    """Replace each sealed segment of ``partition`` under ``root`` that holds an erased field.

    The redacted copy is written durably before the original is deleted, so a crash leaves
    one or the other, both readable; a copy already there (made by another laptop, the same
    bytes) is kept. Unreadable files go to ``set_aside``. Returns ``(device, name)`` of each
    original deleted.
    """
    superseded = []
    for _, device, path in list(segment_files(root, partition)):
        try:
            segment = read_segment(path, partition, device)
        except BadSegment as error:
            set_aside(path, error.reason, error.detail)
            continue
        redacted = redacted_segment(index, segment, sign)
        if redacted is None:
            continue
        target = path.with_name(redacted.name)
        if not target.exists():
            write_atomic(target, redacted.data)
        path.unlink()
        fsync_dir(path.parent)
        superseded.append((device, segment.name))
    return superseded
