"""The laptops of the convergence tests: constants, skewed clocks, and small file helpers.

Each :class:`Laptop` is a data folder with its own wall clock (real time plus a skew), a
domain clock fixed on 2026-11-20, seeded id sources and its open workspace. The helpers list
the segments and files of a sync folder, name conflict copies as sync tools do, and pick
items by index. Used by tests/convergence_world.py and the tests/test_sync_convergence*.py
modules.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.sync import SEGMENTS_DIR, SYNC_ROOT

from .storage.helpers import enrol

T = TypeVar("T")

CATALOGUE = load_catalogue(default_catalogue_dir())

#: 2026-11-20 10:10:10 UTC: where every laptop's wall clock starts, before its skew.
T0_MS = 1_795_169_410_000
MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS
#: The domain clock (what "today" is for the rules): the same day on every laptop.
DAY_START = dt.datetime(2026, 11, 20, 8, 0)
COHORT_START, COHORT_END = dt.date(2026, 9, 1), dt.date(2026, 12, 18)
#: Driving lessons are put in distinct slots from here on, so that none ever overlap.
DRIVING_FROM = dt.date(2026, 10, 1)
SEAL_AT = 3

NAMES = ("A", "B", "C")
#: Laptop A is on time, B three hours behind, C two days ahead.
SKEWS = {"A": 0, "B": -3 * HOUR_MS, "C": 2 * DAY_MS, "D": -DAY_MS}
DEVICES = {"A": "aaaa0001", "B": "bbbb0002", "C": "cccc0003", "D": "dddd0004"}
FOLDERS = ("shared", "usb")

FIRST_NAMES = ("Awa", "Bilal", "Chloé", "Dylan")
PHONES = (None, "06 12 34 56 78", "+33 7 00 00 00 01")
REASONS = ("", "erreur de saisie", "doublon")
EXTRA_COHORTS = ("FTTH 2027-A", "FTTH 2027-B")
ACTIVE_SKILLS = [s for s in CATALOGUE.skills if not s.retired]
REGULAR_SKILLS = tuple(s.id for s in ACTIVE_SKILLS if s.measurement is None)[:6]
MEASURED_SKILLS = tuple(s.id for s in ACTIVE_SKILLS if s.measurement is not None)[:4]
DRIVING_SKILLS = tuple(s.id for b in CATALOGUE.driving_blocks for s in b.skills)[:6]
RATED_SKILLS = REGULAR_SKILLS + MEASURED_SKILLS
SLOTS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 0), dt.time(16, 30)))

#: Name suffixes that sync tools give to conflict copies (reliability.md §3.3).
CONFLICT_SUFFIXES = {
    "syncthing": ".sync-conflict-20261120-101010-ABCDEFG",
    "dropbox": " (Inès's conflicted copy 2026-11-20)",
    "nextcloud": " (conflicted copy 2026-11-20 101010)",
}
#: Files stay small and in RAM where possible: fsync there costs nothing, the logic is the same.
FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


# -- laptops ----------------------------------------------------------------------------------


class Timeline:
    """Real time, shared by every laptop; each laptop's wall clock adds its own skew."""

    def __init__(self) -> None:
        self.now = T0_MS

    def advance(self, ms: int = MINUTE_MS) -> None:
        self.now += ms


class SkewedWall:
    """A laptop's wall clock in ms: real time plus a skew, a little later at every call."""

    def __init__(self, timeline: Timeline, skew: int) -> None:
        self.timeline = timeline
        self.skew = skew
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.timeline.now + self.skew + self.calls * 7


class DomainClock:
    """The laptop's local time for domain rules: 2026-11-20, one second later per call."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dt.datetime:
        self.calls += 1
        return DAY_START + dt.timedelta(seconds=self.calls)


@dataclass
class Laptop:
    """One laptop: a data folder, its clocks and seeded id sources, and its open workspace.

    The id sources live here, not in the workspace, so that a reopened laptop goes on with
    fresh ids instead of repeating old ones.
    """

    name: str
    data_dir: Path
    timeline: Timeline
    wall: SkewedWall = field(init=False)
    clock: DomainClock = field(default_factory=DomainClock)
    ids: random.Random = field(init=False)
    op_ids: random.Random = field(init=False)
    ws: Workspace = field(init=False)

    def __post_init__(self) -> None:
        self.wall = SkewedWall(self.timeline, SKEWS[self.name])
        self.ids = random.Random(f"ids-{self.name}")
        self.op_ids = random.Random(f"ops-{self.name}")
        self.open()

    @property
    def device(self) -> str:
        return DEVICES[self.name]

    def open(self) -> None:
        self.ws = Workspace.open(
            self.data_dir,
            CATALOGUE,
            clock=self.clock,
            new_id=lambda: f"{self.ids.getrandbits(32):08x}",
            new_op_id=lambda: f"{self.op_ids.getrandbits(64):016x}",
            wall=self.wall,
            seal_at=SEAL_AT,
            device_id=self.device,
        )
        enrol(self.ws.replica)

    def reopen(self) -> None:
        self.ws.close()
        self.open()


def folder_segments(folder: Path) -> set[tuple[str, str, str]]:
    """``(partition, device, name)`` of every canonically named segment in a sync folder."""
    root = folder / SYNC_ROOT / SEGMENTS_DIR
    if not root.is_dir():
        return set()
    return {
        (p.parent.parent.name, p.parent.name, p.name)
        for p in root.glob("*/*/*.json")
        if " " not in p.name and ".sync-conflict-" not in p.name
    }


def sync_files(folder: Path) -> list[Path]:
    """Every file a person could copy from a sync folder (temp files excluded)."""
    root = folder / SYNC_ROOT
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def conflict_name(name: str, tool: str) -> str:
    """``name`` as ``tool`` renames a conflicting copy of it."""
    stem, ext = os.path.splitext(name)
    return f"{stem}{CONFLICT_SUFFIXES[tool]}{ext}"


def all_trainees(ws: Workspace) -> list[tuple[Cohort, Trainee]]:
    return [(c, t) for c in ws.cohorts() for t in ws.cohort_records(c).trainees]


def pick(items: list[T], index: int) -> T | None:
    return items[index % len(items)] if items else None


def new_base() -> Path:
    return Path(tempfile.mkdtemp(prefix="trainer-tui-conv-", dir=FAST_TMP))
