"""Operations: the only thing ever written. State is a deterministic function of the op set.

An op sets some fields of one entity::

    {"id": "3f9c0a1b2c4d5e6f", "hlc": [1764150000000, 0], "dev": "a1b2c3d4",
     "kind": "assessment", "eid": "a-7f3e", "set": {"level": 3, ...}, "prev": []}

``id`` is unique (random, from the device's id source), ``hlc`` a hybrid logical clock stamp,
``dev`` the writing device, ``prev`` the ops the writer had seen as the current values of the
fields it sets (to tell a sequential edit from a concurrent one).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Op = dict[str, Any]
OpKey = tuple[int, int, str, str]

#: How far ahead of this laptop's clock a stamp may be and still count: further ahead, an op
#: is a clock that is off (or a forgery), set aside until the time comes (issue 13).
FUTURE_BOUND_MS = 7 * 24 * 60 * 60 * 1000
#: The op format this version writes and understands.
OP_FIELDS = frozenset({"id", "hlc", "dev", "kind", "eid", "set", "prev"})


def op_key(op: Op) -> OpKey:
    """Total order of ops: hybrid clock, then device, then op id (last writer wins)."""
    wall, logical = op["hlc"]
    return (wall, logical, op["dev"], op["id"])


def wall_clock_ms() -> int:
    """Milliseconds since the epoch, from the system clock."""
    return time.time_ns() // 1_000_000


class HybridClock:
    """A hybrid logical clock (Kulkarni et al. 2014).

    Stamps stay close to wall time, grow strictly on this device, and after observing another
    device's stamp, order every new local op after it, even if this laptop's clock is behind.
    """

    def __init__(self, wall: Callable[[], int] | None = None) -> None:
        # Looked up at each call when not given, so that tests can freeze the system clock.
        self._wall = wall or (lambda: wall_clock_ms())
        self.last: tuple[int, int] = (0, 0)

    def wall(self) -> int:
        """This laptop's wall clock, in milliseconds."""
        return self._wall()

    def horizon(self) -> int:
        """The latest wall time a stamp may carry to be adopted (see ``FUTURE_BOUND_MS``)."""
        return self._wall() + FUTURE_BOUND_MS

    def observe(self, stamp: tuple[int, int] | list[int]) -> None:
        """Take a stamp seen in another op into account, unless it lies beyond the horizon.

        Adopting a stamp from the year 2100 would give every later op of this laptop that
        stamp: such a stamp is never adopted.
        """
        seen = (int(stamp[0]), int(stamp[1]))
        if seen > self.last and seen[0] <= self.horizon():
            self.last = seen

    def now(self) -> tuple[int, int]:
        """A new stamp, greater than every stamp made or observed before."""
        wall = self._wall()
        last_wall, last_logical = self.last
        self.last = (wall, 0) if wall > last_wall else (last_wall, last_logical + 1)
        return self.last


def make_op(
    op_id: str,
    stamp: tuple[int, int],
    device: str,
    kind: str,
    entity_id: str,
    values: Mapping[str, Any],
    prev: list[str],
) -> Op:
    """Build an op dict (JSON-ready values expected)."""
    return {
        "id": op_id,
        "hlc": [stamp[0], stamp[1]],
        "dev": device,
        "kind": kind,
        "eid": entity_id,
        "set": dict(values),
        "prev": sorted(prev),
    }


def is_valid_op(op: Any) -> bool:
    """Whether ``op`` has the shape of an op of this format (checked on every file read)."""
    # Exact types (what JSON decoding gives), no generator: this runs for every op read. The
    # op itself may be a TinyDB document (a dict subclass).
    if not isinstance(op, dict) or not op.keys() >= OP_FIELDS:
        return False
    stamp = op["hlc"]
    return (
        type(op["id"]) is str
        and type(op["dev"]) is str
        and type(op["kind"]) is str
        and type(op["eid"]) is str
        and type(op["set"]) is dict
        and type(op["prev"]) is list
        and type(stamp) is list
        and len(stamp) == 2
        and type(stamp[0]) is int
        and type(stamp[1]) is int
    )


@dataclass(frozen=True, slots=True)
class Change:
    """One entity change to write: ``values`` are JSON-ready fields."""

    kind: str
    entity_id: str
    values: Mapping[str, Any]
