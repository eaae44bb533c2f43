"""Shared helpers for storage tests: frozen clocks, seeded ids, laptops, state snapshots."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from trainer_tui.storage import GLOBAL, Change, Replica
from trainer_tui.storage.identity import new_identity_with
from trainer_tui.storage.ops import Op
from trainer_tui.storage.segments import encode_segment, segment_name
from trainer_tui.storage.signature import SigningKey
from trainer_tui.storage.state import PartitionState
from trainer_tui.storage.sync import SEGMENTS_DIR, SYNC_ROOT

#: 2026-11-20 10:10:10 UTC in milliseconds: every frozen clock starts here.
T0 = 1_795_169_410_000
HOUR = 3_600_000


class FakeWall:
    """A wall clock (milliseconds) that only moves when a test says so."""

    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int = 1_000) -> None:
        self.now += ms


def id_source(seed: str) -> Callable[[], str]:
    """A seeded op-id source: the same seed always yields the same ids."""
    rng = random.Random(seed)
    return lambda: f"{rng.getrandbits(64):016x}"


_OPENS: Counter[str] = Counter()

#: The device ids of the storage tests' school: each signs with a key derived from its id,
#: and trusts the others, as if they had been paired (storage/pairing.py).
SCHOOL = (
    *("aaaa0001", "bbbb0002", "cccc0003", "dddd0004", "deva", "devb", "dev"),
    *("testdev1", "testdev2", "laptopa", "laptopb", "laptopc", "laptopd"),
)


def school_key(device: str) -> SigningKey:
    """The fixed key of a test laptop."""
    return SigningKey(hashlib.sha256(b"test school\x00" + device.encode()).digest())


def enrol(replica: Replica, devices: tuple[str, ...] = SCHOOL) -> Replica:
    """Give ``replica`` its school key and make it trust every laptop of ``devices``."""
    own = replica.device.id
    key = school_key(own)
    if own in devices and replica.key != key:
        replica.adopt(new_identity_with(replica.data_dir, own, replica.device.name, key, {}))
    for device in (*devices, own):
        replica.trust_key(device, school_key(device).public)
    return replica


def open_laptop(
    data_dir: Path, device: str, *, wall: FakeWall | None = None, seal_at: int = 4
) -> Replica:
    """Open a replica with a fixed device id, a frozen clock and seeded ids.

    Each reopening of the same folder gets another seed: op ids stay unique, as with the
    random ids the app uses.
    """
    seed = f"{device}-{data_dir}"
    _OPENS[seed] += 1
    replica = Replica.open(
        data_dir,
        device_id=device,
        wall=wall or FakeWall(),
        new_id=id_source(f"{seed}-{_OPENS[seed]}"),
        seal_at=seal_at,
    )
    return enrol(replica)


def snapshot(state: PartitionState) -> dict[str, Any]:
    """Everything a user can see of a partition: values, deletions and conflicts."""
    return {
        "values": {key: dict(entity.values) for key, entity in sorted(state.entities.items())},
        "conflicts": state.conflicts(),
        "ops": sorted(state.op_ids),
    }


def state_of(replica: Replica) -> dict[str, Any]:
    """The snapshot of every partition of a replica."""
    return {name: snapshot(replica.partition(name)) for name in replica.partition_names()}


def edit(replica: Replica, eid: str, partition: str = GLOBAL, **values: Any) -> None:
    """Write one change of a trainee record."""
    replica.write(partition, [Change("trainee", eid, values)])


def copies(folder: Path, target: Path) -> Path:
    """Copy a whole folder, as a person would with a USB stick."""
    shutil.copytree(folder, target)
    return target


def all_op_ids(replica: Replica) -> set[str]:
    """Every op id this replica holds, in every partition."""
    return {op for name in replica.partition_names() for op in replica.partition(name).op_ids}


def segments_dir(folder: Path) -> Path:
    """Where a sync folder keeps its segments."""
    return folder / SYNC_ROOT / SEGMENTS_DIR


def files_under(root: Path) -> Iterator[Path]:
    """Every regular file under ``root``, sorted."""
    return iter(sorted(p for p in root.rglob("*") if p.is_file()))


def named_segment(folder: Path, seq: int, data: bytes) -> Path:
    """Write ``data`` under the canonical name its hash gives (for schema tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / segment_name(seq, data)
    path.write_bytes(data)
    return path


def segment_bytes(partition: str, device: str, seq: int, ops: list[Op]) -> bytes:
    """A valid segment's bytes, signed by ``device``'s school key."""
    return school_key(device).signed_segment(encode_segment(partition, device, seq, ops))


def with_header(data: bytes, **changes: Any) -> bytes:
    """The same segment with some header fields changed (compact JSON, like the store)."""
    raw = json.loads(data)
    raw["header"]["1"].update(changes)
    return json.dumps(raw, separators=(",", ":")).encode()
