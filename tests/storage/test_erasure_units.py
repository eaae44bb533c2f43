"""The erasure op at storage level: redaction rules, determinism, order independence."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_tui.storage import Change, Replica
from trainer_tui.storage.erasure import ERASURE, ErasureIndex, ErasureRegistry, ErasureSpec
from trainer_tui.storage.ops import Op, make_op
from trainer_tui.storage.state import PartitionState

SPEC = ErasureSpec(
    target="person",
    entity_id="p1",
    fields={"name": "Anonyme", "email": None, "reason": "—"},
    link="person_id",
    linked_fields={"note": ""},
    linked_entities=("r1",),
)


def _op(op_id: str, kind: str, eid: str, values: dict[str, object], wall: int = 1) -> Op:
    return make_op(op_id, (wall, 0), "dev1", kind, eid, values, [])


def _erasure(op_id: str = "e1", wall: int = 99) -> Op:
    return _op(op_id, ERASURE, SPEC.entity_id, SPEC.values(), wall)


PROFILE = _op("o1", "person", "p1", {"name": "Inès Bamba", "email": "i@x.fr", "reason": None})
RECORD = _op("o2", "record", "r1", {"person_id": "p1", "level": 3, "note": "Inès a bien fait"})
VOID = _op("o3", "record", "r1", {"deleted": True, "void_reason": "x", "note": "pour Inès"}, 2)
OTHER = _op("o4", "record", "r2", {"person_id": "p2", "note": "rien à voir"})


def test_redaction_replaces_the_identity_and_keeps_everything_else_in_order() -> None:
    index = ErasureIndex()
    index.add(_erasure())
    redacted = index.redact(PROFILE)
    assert redacted["set"] == {"name": "Anonyme", "email": None, "reason": None}
    assert list(redacted["set"]) == list(PROFILE["set"])  # same key order: same bytes
    assert {k: v for k, v in redacted.items() if k != "set"} == {
        k: v for k, v in PROFILE.items() if k != "set"
    }
    assert index.redact(RECORD)["set"] == {"person_id": "p1", "level": 3, "note": ""}
    # A later op of a record named by the erasure, without the link field: redacted too.
    assert index.redact(VOID)["set"]["note"] == ""
    assert index.redact(OTHER) is OTHER  # nothing to erase: the very same object


def test_an_empty_field_stays_empty() -> None:
    """A reason is only for someone who left: filling it would break the record's rules."""
    index = ErasureIndex()
    index.add(_erasure())
    assert index.redact(PROFILE)["set"]["reason"] is None


def test_nothing_is_redacted_without_an_erasure_and_a_malformed_one_is_ignored() -> None:
    index = ErasureIndex()
    assert index.redact(PROFILE) is PROFILE
    bad = _op("e9", ERASURE, "p1", {"target": 3, "fields": "x"})
    assert index.add(bad) is None
    assert not index


@settings(max_examples=60, deadline=None)
@given(st.permutations([PROFILE, RECORD, VOID, OTHER, _erasure()]))
def test_the_state_is_the_same_whatever_order_the_erasure_arrives_in(order: list[Op]) -> None:
    state = PartitionState("c1")
    state.apply(order)
    person = state.get("person", "p1")
    assert person is not None and person.values["name"] == "Anonyme"
    assert person.values["email"] is None
    record = state.get("record", "r1")
    assert record is not None and record.values["note"] == ""
    other = state.get("record", "r2")
    assert other is not None and other.values["note"] == "rien à voir"
    # An unredacted copy of an op seen again (a stale file) is not a clash.
    state.apply([PROFILE, RECORD])
    assert not state.clashes


def test_the_same_segment_redacted_on_two_laptops_gives_the_same_file(tmp_path: Path) -> None:
    """Laptops A and B hold A's segment; each redacts it on its own: the same bytes, name."""
    a = Replica.open(tmp_path / "a", device_id="deva")
    a.write("c1", [Change("person", "p1", {"name": "Inès", "email": "i@x.fr"})])
    original = a.seal("c1")
    source = tmp_path / "a" / "replica" / "c1" / "deva" / str(original)
    b = Replica.open(tmp_path / "b", device_id="devb")
    (tmp_path / "b" / "replica" / "c1" / "deva").mkdir(parents=True)
    (tmp_path / "b" / "replica" / "c1" / "deva" / source.name).write_bytes(source.read_bytes())
    names = []
    for laptop, replica in (("a", a), ("b", b)):
        assert replica.erase("c1", SPEC) == 1
        folder = tmp_path / laptop / "replica" / "c1" / "deva"
        names.append(sorted(p.name for p in folder.glob("00000001-*")))
        assert replica.is_superseded("c1", "deva", source.name)
        replica.close()
    assert names[0] == names[1] and names[0] != [source.name]
    assert (
        b"In\xc3\xa8s"
        not in (tmp_path / "b" / "replica" / "c1" / "deva" / names[1][0]).read_bytes()
    )


def test_the_registry_survives_a_restart_and_ignores_damage(tmp_path: Path) -> None:
    registry = ErasureRegistry({"c1": [_erasure()]}, {("c1", "dev1", "00000001-ab.json")})
    registry.save(tmp_path)
    again = ErasureRegistry.load(tmp_path)
    assert again == registry
    assert again.index("c1").redact(PROFILE)["set"]["name"] == "Anonyme"
    (tmp_path / "local" / "erasures.json").write_text(json.dumps({"erasures": 3}))
    assert ErasureRegistry.load(tmp_path) == ErasureRegistry()
