"""Clocks that are off: laptops whose ops are stamped well ahead of this laptop's clock.

The order of writes never depends on wall clocks (the hybrid logical clock orders them), but
the times people read do: a laptop two days fast shows ratings dated the day after tomorrow.
Two checks say so (issue 13): the ops a sync receives (storage/importing.py) and the newest
ops this laptop holds, which is what a laptop whose own clock is behind notices on opening.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path

from trainer_tui.storage.files import write_atomic
from trainer_tui.storage.local import LOCAL_DIR
from trainer_tui.storage.ops import Op
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.state import PartitionState
from trainer_tui.storage.sync_report import ClockSkew

#: Ops stamped further ahead than this are a clock that is off (design.md §4, issue 13).
SKEW_MS = 10 * 60_000
#: The newest stamp (wall milliseconds) held from each other laptop, kept by every sync: the
#: dashboard reads it on opening without reading a cohort's ops (local/newest.json).
NEWEST_FILE = "newest.json"


def ahead_by_device(ops: Iterable[Op], now_ms: int, into: dict[str, int]) -> None:
    """Record in ``into`` how far ahead of ``now_ms`` each device's newest op is, if too far."""
    for op in ops:
        ahead = op["hlc"][0] - now_ms
        if ahead > SKEW_MS and ahead > into.get(op["dev"], 0):
            into[op["dev"]] = ahead


def newest_by_device(ops: Iterable[Op], into: dict[str, int]) -> None:
    """Record in ``into`` the newest wall stamp of each device among ``ops``."""
    for op in ops:
        wall, device = op["hlc"][0], op["dev"]
        if wall > into.get(device, 0):
            into[device] = wall


def read_newest(local_dir: Path) -> dict[str, int]:
    """What ``remember_newest`` kept; empty if nothing was, or the file is not ours."""
    with contextlib.suppress(OSError, ValueError):
        found = json.loads((local_dir / NEWEST_FILE).read_bytes())
        if isinstance(found, dict):
            return {str(k): v for k, v in found.items() if isinstance(v, int)}
    return {}


def remember_newest(local_dir: Path, seen: dict[str, int]) -> None:
    """Keep the newest stamp of each laptop among those held and those just ``seen``.

    Not durable: it only feeds a warning, and the next sync writes it again.
    """
    held = read_newest(local_dir)
    merged = held | {d: max(w, held.get(d, 0)) for d, w in seen.items()}
    if merged != held:
        write_atomic(local_dir / NEWEST_FILE, json.dumps(merged).encode(), durable=False)


def skews(ahead: dict[str, int]) -> list[ClockSkew]:
    """The devices of ``ahead`` in a stable order, in whole minutes.

    Rounded, not cut: the op was written a few seconds before it is read.
    """
    return [ClockSkew(device, (ms + 30_000) // 60_000) for device, ms in sorted(ahead.items())]


def clocks_ahead(states: Iterable[PartitionState], now_ms: int) -> dict[str, int]:
    """How far ahead of ``now_ms`` (over ``SKEW_MS``) each laptop's newest held op is.

    Only partitions whose newest stamp is that far ahead are read op by op, so the usual case
    costs one comparison per partition.
    """
    ahead: dict[str, int] = {}
    for state in states:
        if state.max_stamp[0] - now_ms > SKEW_MS:
            ahead_by_device(state.op_ids.values(), now_ms, ahead)
    return ahead


def held_clock_skews(replica: Replica) -> list[ClockSkew]:
    """Laptops (this one included, if its clock went back) stamped ahead of this one's clock.

    From the partitions already read and from the newest stamps kept before (what a laptop
    opening on its cached dashboard has), which what was read here is added to. This
    laptop's own ops count only when no other laptop's do: then its own clock went back
    (a clock set by hand, a restored snapshot).
    """
    now, own, local = replica.clock.wall(), replica.device.id, replica.data_dir / LOCAL_DIR
    ahead = clocks_ahead(replica.loaded().values(), now)
    remember_newest(local, {device: now + ms for device, ms in ahead.items() if device != own})
    for device, wall in read_newest(local).items():
        if device != own and wall - now > max(SKEW_MS, ahead.get(device, 0)):
            ahead[device] = wall - now
    if set(ahead) - {own}:
        ahead.pop(own, None)
    return skews(ahead)
