"""Data folders for tests: a frozen clock, deterministic ids, the demo cohort."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.identity import home_fingerprint

from .storage.helpers import enrol

#: The frozen "now" of every UI test: a Thursday morning, mid-programme for the demo.
NOW = dt.datetime(2026, 11, 26, 10, 30)


def _counter(prefix: str) -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"{prefix}{next(numbers):06d}"


def open_workspace(
    data: Path,
    catalogue: Catalogue,
    op_prefix: str = "op",
    device_id: str = "testdev1",
    *,
    enrolled: bool = True,
) -> Workspace:
    """A workspace with a frozen clock and deterministic ids and device.

    Each opening of one data folder needs its own ``op_prefix``: an op id seen twice is
    kept once, so a restarted sequence would hide new writes. ``enrolled`` laptops trust
    each other from the start, as if paired; the others must pair (storage/pairing.py).
    """
    ticks = itertools.count()
    base = int(dt.datetime(2026, 11, 26, 10, 30, tzinfo=dt.UTC).timestamp() * 1000)
    ws = Workspace.open(
        data,
        catalogue,
        clock=lambda: NOW,
        new_id=_counter("x"),
        new_op_id=_counter(op_prefix),
        device_id=device_id,
        wall=lambda: base + next(ticks),
    )
    if enrolled:  # the test laptops are of one school (tests/storage/helpers.py)
        enrol(ws.replica)
    return ws


def copy_template(template: Path, target: Path) -> Path:
    """A data folder prepared once, copied for one test as if it had been built there.

    Copying is only the tests' shortcut for building it again: the copy keeps the
    template's laptop (its ``home`` is set to the new folder) instead of becoming a laptop
    of its own as a copied folder does (storage/laptops.py).
    """
    shutil.copytree(template, target)
    (target / "local" / "lock").unlink(missing_ok=True)
    path = target / "local" / "device.json"
    record = json.loads(path.read_bytes())
    record["home"] = home_fingerprint(target)
    path.write_text(json.dumps(record), "utf-8")
    return target
