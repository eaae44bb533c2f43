"""Unit and property tests: hybrid clock, op order, segment files, the LWW fold."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from trainer_tui.storage.ops import HybridClock, Op, make_op, op_key
from trainer_tui.storage.segments import (
    CONFLICT_COPY,
    BadSegment,
    decode_segment,
    parse_name,
    read_segment,
    segment_name,
)
from trainer_tui.storage.state import PartitionState

from .helpers import HOUR, T0, FakeWall, named_segment, segment_bytes, snapshot, with_header

PART, DEV = "cohort-7", "dev0a1b2"
CONFLICT_NAMES = [
    ".sync-conflict-20261120-101010-ABCDEFG",  # Syncthing
    " (Inès's conflicted copy 2026-11-20)",  # Dropbox
    " (conflicted copy 2026-11-20 101010)",  # Nextcloud
]


def op(op_id: str, wall: int, dev: str = DEV, prev: list[str] | None = None, **values: Any) -> Op:
    return make_op(op_id, (wall, 0), dev, "trainee", "t1", values, prev or [])


def sample_ops() -> list[Op]:
    return [op(f"op{n}", T0 + n, name=f"N{n}", level=n) for n in range(3)]


# -- hybrid logical clock ---------------------------------------------------------------------


def test_clock_stays_monotonic_when_the_wall_clock_goes_backwards() -> None:
    wall = FakeWall()
    clock = HybridClock(wall)
    stamps, walls = [], []
    for step in [0, 0, -5_000, -HOUR, 10, 2 * HOUR, -1]:
        wall.advance(step)
        walls.append(wall.now)
        stamps.append(clock.now())
    assert stamps == sorted(set(stamps)), "every stamp is strictly greater than the last"
    assert stamps[2:5] == [(T0, 2), (T0, 3), (T0, 4)], "behind: the logical part counts on"
    assert stamps[5] == (walls[5], 0), "wall time ahead again: it is taken"
    assert stamps[6] == (walls[5], 1)


def test_observe_orders_local_stamps_after_a_remote_one_from_hours_ahead() -> None:
    clock = HybridClock(FakeWall(T0 - 5 * HOUR))  # this laptop's clock is 5 hours behind
    remote = (T0, 7)
    clock.observe(list(remote))  # stamps come from JSON as lists
    first, second = clock.now(), clock.now()
    assert remote < first < second
    clock.observe((T0 - 9 * HOUR, 0))  # an older stamp never moves the clock back
    assert clock.now() > second


def test_op_key_orders_by_clock_then_device_then_id() -> None:
    ops = [
        make_op("b", (2, 0), "dev-a", "k", "e", {}, []),
        make_op("a", (1, 5), "dev-z", "k", "e", {}, []),
        make_op("a", (2, 0), "dev-b", "k", "e", {}, []),
        make_op("z", (1, 5), "dev-a", "k", "e", {}, []),
        make_op("c", (2, 0), "dev-a", "k", "e", {}, []),
        make_op("y", (1, 0), "dev-z", "k", "e", {}, []),
    ]
    ordered = [(o["hlc"][0], o["hlc"][1], o["dev"], o["id"]) for o in sorted(ops, key=op_key)]
    assert ordered == sorted(ordered)
    assert [o["id"] for o in sorted(ops, key=op_key)] == ["y", "z", "a", "b", "c", "a"]


# -- segment files ----------------------------------------------------------------------------


def test_segment_round_trip(tmp_path: Path) -> None:
    ops = sample_ops()
    data = segment_bytes(PART, DEV, 3, ops)
    assert segment_bytes(PART, DEV, 3, ops) == data, "encoding is deterministic"
    name = segment_name(3, data)
    assert parse_name(name) == (3, name[9:25], "")
    path = named_segment(tmp_path, 3, data)
    segment = read_segment(path, PART, DEV)
    assert (segment.name, segment.partition, segment.device, segment.seq) == (name, PART, DEV, 3)
    assert list(segment.ops) == ops and segment.data == data
    assert decode_segment(data, PART, DEV) == segment
    db = TinyDB(path, access_mode="r")  # a sealed segment is a plain TinyDB file
    assert db.table("ops").all() == ops and db.table("header").all()[0]["count"] == 3
    db.close()


def _refusal(path: Path, partition: str = PART, device: str = DEV) -> str:
    with pytest.raises(BadSegment) as caught:
        read_segment(path, partition, device)
    return caught.value.reason


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda d: d[: len(d) // 2], "damaged"),
        (lambda d: d[:-1], "damaged"),
        (lambda d: b"", "empty"),
        (lambda d: b"  \n", "empty"),
        (lambda d: d[:40] + bytes([d[40] ^ 0x01]) + d[41:], "damaged"),
        (lambda d: d.replace(b'"level":1', b'"level":2'), "damaged"),  # still valid JSON
    ],
    ids=["half", "last-byte", "empty", "blank", "flip-syntax", "flip-value"],
)
def test_read_segment_refuses_a_file_whose_bytes_do_not_match_its_name(
    tmp_path: Path, damage: Any, reason: str
) -> None:
    good = segment_bytes(PART, DEV, 1, sample_ops())
    path = tmp_path / segment_name(1, good)
    path.write_bytes(damage(good))
    assert _refusal(path) == reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not json at all", "not_json"),
        (b"\xff\xfe garbage", "not_json"),
        (b"[1, 2, 3]", "wrong_schema"),
        (b'{"_default": {}}', "wrong_schema"),
        (json.dumps({"header": {"1": {"format": "other", "v": 1}}}).encode(), "wrong_schema"),
        (with_header(segment_bytes(PART, DEV, 1, sample_ops()), count=2), "wrong_schema"),
        (with_header(segment_bytes(PART, DEV, 1, sample_ops()), v="1"), "wrong_schema"),
        (with_header(segment_bytes(PART, DEV, 1, sample_ops()), v=99), "newer_version"),
        (segment_bytes(PART, DEV, 1, [{"id": "x", "hlc": [1, 0]}]), "wrong_schema"),
        (segment_bytes(PART, DEV, 1, [op("x", T0, dev="intruder")]), "wrong_schema"),
    ],
    ids=[
        "text", "binary", "list", "empty-tinydb", "other-format", "count", "version-type",
        "newer", "bad-op", "foreign-op",
    ],
)  # fmt: skip
def test_read_segment_refuses_wrong_content_under_a_matching_name(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    assert _refusal(named_segment(tmp_path, 1, content)) == reason


def test_read_segment_refuses_wrong_place_unknown_names_and_unreadable_files(
    tmp_path: Path,
) -> None:
    path = named_segment(tmp_path, 1, segment_bytes(PART, DEV, 1, sample_ops()))
    assert _refusal(path, partition="cohort-8") == "wrong_place"
    assert _refusal(path, device="someone-else") == "wrong_place"
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(path.read_bytes())
    assert _refusal(garbage) == "unknown_name"
    folder = tmp_path / segment_name(2, b"x")
    folder.mkdir()
    assert _refusal(folder) == "unreadable"


@pytest.mark.parametrize("suffix", CONFLICT_NAMES, ids=["syncthing", "dropbox", "nextcloud"])
def test_conflict_copy_names_are_read(tmp_path: Path, suffix: str) -> None:
    data = segment_bytes(PART, DEV, 4, sample_ops())
    name = segment_name(4, data)
    copy = tmp_path / name.replace(".json", f"{suffix}.json")
    copy.write_bytes(data)
    assert parse_name(copy.name) == (4, name[9:25], suffix)
    assert CONFLICT_COPY.search(copy.name)
    segment = read_segment(copy, PART, DEV)
    assert segment.name == name and list(segment.ops) == sample_ops()
    copy.write_bytes(data[:-10])  # a truncated conflict copy is still refused
    assert _refusal(copy) in {"not_json", "damaged"}


# -- the fold: last writer wins per field, conflicts flagged ----------------------------------


_ROW = st.tuples(
    st.integers(0, 3),  # wall part of the clock: many ties
    st.integers(0, 2),  # logical part
    st.sampled_from(["dev-a", "dev-b", "dev-c"]),
    st.sampled_from(["trainee", "mark"]),
    st.sampled_from(["e1", "e2"]),
    st.dictionaries(st.sampled_from(["name", "level", "deleted"]), st.integers(0, 2), min_size=1),
    st.lists(st.integers(0, 13), max_size=3),  # prev: indexes of earlier ops
)


@st.composite
def op_histories(draw: st.DrawFn) -> list[Op]:
    """Ops on a few entities and fields, from a few devices, with clock ties and prev links."""
    rows = draw(st.lists(_ROW, min_size=1, max_size=14))
    return [
        make_op(
            f"op{number:02d}",
            (wall, logical),
            dev,
            kind,
            eid,
            values,
            sorted({f"op{index:02d}" for index in prev if index < number}),
        )
        for number, (wall, logical, dev, kind, eid, values, prev) in enumerate(rows)
    ]


def fold(ops: list[Op]) -> PartitionState:
    state = PartitionState(PART)
    state.apply(ops)
    return state


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=op_histories(), rnd=st.randoms(use_true_random=False))
def test_fold_ignores_order_and_duplicates(ops: list[Op], rnd: random.Random) -> None:
    shuffled = ops + rnd.choices(ops, k=rnd.randint(0, 2 * len(ops)))
    rnd.shuffle(shuffled)
    reference = fold(ops)
    state = fold(shuffled)
    assert snapshot(state) == snapshot(reference)
    assert state.apply(ops) == 0 and snapshot(state) == snapshot(reference), "idempotent"
    assert not state.clashes
    for (kind, eid), entity in reference.entities.items():  # each field: the greatest op wins
        mine = [o for o in ops if (o["kind"], o["eid"]) == (kind, eid)]
        for name, value in entity.values.items():
            assert value == max((o for o in mine if name in o["set"]), key=op_key)["set"][name]


def test_concurrent_edits_are_flagged_then_cleared_by_an_edit_that_saw_both() -> None:
    base = op("base", T0, name="Inès")
    mine = op("mine", T0 + 5, dev="dev-a", prev=["base"], name="Inès B.")
    theirs = op("theirs", T0 + 9, dev="dev-b", prev=["base"], name="Ines Benali")
    for order in itertools.permutations([base, mine, theirs]):
        state = fold(list(order))
        (conflict,) = state.conflicts()
        assert (conflict.field, conflict.op_ids) == ("name", ("mine", "theirs"))
        assert conflict.values == ("Inès B.", "Ines Benali") and conflict.winner == "Ines Benali"
    state = fold([base, mine, theirs])
    assert state.prev_for("trainee", "t1", ["name"]) == ["mine", "theirs"]
    state.apply([op("fix", T0 + 20, dev="dev-a", prev=["mine", "theirs"], name="Inès Benali")])
    assert state.conflicts() == []
    entity = state.get("trainee", "t1")
    assert entity is not None and entity.values["name"] == "Inès Benali"


def test_a_sequential_chain_never_looks_concurrent_in_any_order() -> None:
    chain: list[Op] = []
    prev: list[str] = []
    for number, dev in enumerate(["dev-a", "dev-b", "dev-a", "dev-c"]):
        chain.append(op(f"c{number}", T0 + number, dev=dev, prev=prev, level=number))
        prev = [f"c{number}"]
    for order in itertools.permutations(chain):
        state = fold(list(order))
        entity = state.get("trainee", "t1")
        assert state.conflicts() == [] and entity is not None
        assert entity.values["level"] == 3


def test_a_tombstone_is_kept_and_hides_the_entity() -> None:
    history = [
        op("create", T0, name="Inès", level=1),
        op("delete", T0 + 10, prev=["create"], deleted=True),
        op("late-edit", T0 + 20, dev="dev-b", prev=["create"], level=2),
        op("stale", T0 - HOUR, dev="dev-c", name="old"),  # an old copy re-imported
    ]
    for order in itertools.permutations(history):
        state = fold(list(order))
        entity = state.get("trainee", "t1")
        assert entity is not None and entity.deleted and entity.values["deleted"] is True
        assert list(state.of_kind("trainee")) == []
        assert [e.entity_id for e in state.of_kind("trainee", include_deleted=True)] == ["t1"]
