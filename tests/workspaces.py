"""Data folders for tests: a frozen clock, deterministic ids, the demo cohort."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.services.workspace import Workspace

#: The frozen "now" of every UI test: a Thursday morning, mid-programme for the demo.
NOW = dt.datetime(2026, 11, 26, 10, 30)


def _counter(prefix: str) -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"{prefix}{next(numbers):06d}"


def open_workspace(
    data: Path, catalogue: Catalogue, op_prefix: str = "op", device_id: str = "testdev1"
) -> Workspace:
    """A workspace with a frozen clock and deterministic ids and device.

    Each opening of one data folder needs its own ``op_prefix``: an op id seen twice is
    kept once, so a restarted sequence would hide new writes.
    """
    ticks = itertools.count()
    base = int(dt.datetime(2026, 11, 26, 10, 30, tzinfo=dt.UTC).timestamp() * 1000)
    return Workspace.open(
        data,
        catalogue,
        clock=lambda: NOW,
        new_id=_counter("x"),
        new_op_id=_counter(op_prefix),
        device_id=device_id,
        wall=lambda: base + next(ticks),
    )
