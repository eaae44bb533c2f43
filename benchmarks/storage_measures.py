"""The measurements of bench_storage.py, each with its baseline. Times are in seconds."""

from __future__ import annotations

import gc
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage_fixtures import SYNC_SEGMENTS, seeded_options, segment_files
from tinydb import TinyDB

from trainer_tui.domain.catalogue import BlockKind, Catalogue
from trainer_tui.domain.people import Trainee, TraineeStatus
from trainer_tui.domain.records import Assessment
from trainer_tui.services import records as rec
from trainer_tui.services.activity import rate
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import sync_folder
from trainer_tui.storage.files import write_atomic
from trainer_tui.storage.folder import read_descriptors
from trainer_tui.storage.ops import make_op, wall_clock_ms

CHILD = Path(__file__).with_name("coldopen_child.py")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1), linear between closest ranks (like numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Latency:
    samples: list[float]

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def worst(self) -> float:
        return max(self.samples)


def settle() -> None:
    """Flush pending writes (fixture copies) and collect garbage before timing anything."""
    os.sync()
    gc.collect()


# -- 1. save one rating ----------------------------------------------------------------------

#: About the size of an active segment half-way to being sealed (64 ops).
FLOOR_BYTES = 20_000


def save_ratings(
    data_fixture: Path, scratch: Path, catalogue: Catalogue, samples: int
) -> tuple[Latency, Latency, list[Assessment]]:
    """Time ``activity.rate`` into the current cohort of a copy of ``data_fixture``.

    The dashboard has the current cohort loaded before anyone rates, so the workspace reads
    it first and makes two untimed ratings; every timed one is durable on return.

    Each rating is preceded by one ``write_atomic`` of a 20 kB file next to the replica (temp
    file, fsync, rename, fsync of the folder): the disk's floor for any durable save, taken
    under the same conditions since the latency of a virtual disk drifts. Returns the save
    latencies, the floor latencies and the assessments made.
    """
    data, floor_path, floor_data = scratch / "data", scratch / "floor.json", b"x" * FLOOR_BYTES
    shutil.copytree(data_fixture, data)
    ws = Workspace.open(data, catalogue, **seeded_options(samples, "bench-n"))
    try:
        cohort = ws.cohorts()[0]
        present = [
            t
            for t in ws.records(cohort.id, rec.TRAINEE, Trainee)
            if t.status is not TraineeStatus.LEFT
        ]
        trainer = ws.trainers()[0]
        skills = [
            skill.id
            for block in catalogue.blocks
            if block.kind is not BlockKind.DRIVING
            for skill in block.active_skills
        ]
        pairs = itertools.cycle(itertools.product(present, skills))
        made, times, floor = [], [], []
        settle()
        for number in range(samples + 2):
            started = time.perf_counter()
            write_atomic(floor_path, floor_data)
            floor.append(time.perf_counter() - started)
            trainee, skill = next(pairs)
            started = time.perf_counter()
            made.append(rate(ws, cohort, trainee, skill, 1 + number % 4, trainer=trainer))
            times.append(time.perf_counter() - started)
    finally:
        ws.close()
    shutil.rmtree(data)
    floor_path.unlink()
    return Latency(times[2:]), Latency(floor[2:]), made[2:]


def plain_inserts(plain_fixture: Path, scratch: Path, made: list[Assessment]) -> Latency:
    """Time ``insert`` of the same ratings (as op documents) into a copy of a plain TinyDB."""
    path = scratch / "plain.json"
    shutil.copyfile(plain_fixture, path)
    documents = []
    for number, assessment in enumerate(made):
        change = rec.change_for(assessment)
        op_id = f"{number:016x}"
        stamp = (wall_clock_ms(), 0)
        documents.append(
            make_op(op_id, stamp, "plain", change.kind, change.entity_id, change.values, [])
        )
    db = TinyDB(path)
    times = []
    settle()
    for document in documents:
        started = time.perf_counter()
        db.insert(document)
        times.append(time.perf_counter() - started)
    db.close()
    path.unlink()
    return Latency(times)


# -- 2. cold open ----------------------------------------------------------------------------


def cold_open(mode: str, target: Path) -> dict[str, Any]:
    """Run one cold open in a fresh interpreter; times are from just before it was started."""
    settle()
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(CHILD), mode, str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    stamps = result.pop("stamps")
    result["total"] = result.pop("ready") - started
    result["steps"] = {name: stamp - started for name, stamp in stamps.items()}
    return result


@dataclass(frozen=True)
class ColdOpens:
    runs: list[dict[str, Any]]

    @property
    def total(self) -> float:
        return statistics.median(run["total"] for run in self.runs)

    @property
    def rss(self) -> float:
        return max(run["max_rss_mb"] for run in self.runs)

    def step(self, name: str) -> float:
        """Median time from process start to the end of step ``name``."""
        return statistics.median(run["steps"][name] for run in self.runs)


def cold_opens(store: Path, plain: Path, runs: int) -> tuple[ColdOpens, ColdOpens]:
    """Alternate store and plain-TinyDB cold opens ``runs`` times each."""
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(cold_open("store", store))
        theirs.append(cold_open("plain", plain))
    return ColdOpens(ours), ColdOpens(theirs)


# -- 3. sync with nothing new ----------------------------------------------------------------


def sync_nothing_new(data: Path, folder: Path, catalogue: Catalogue, runs: int) -> Latency:
    """Time ``sync_folder`` calls that follow a full sync (the first call is not timed)."""
    ws = Workspace.open(data, catalogue, **seeded_options(1, "bench-archive"))
    times = []
    try:
        sync_folder(ws.replica, folder)
        settle()
        for _ in range(runs):
            started = time.perf_counter()
            report = sync_folder(ws.replica, folder)
            times.append(time.perf_counter() - started)
            assert not report.imported_segments and not report.published_segments, report
    finally:
        ws.close()
    return Latency(times)


def read_every_file(folder: Path, runs: int) -> Latency:
    """The naive sync: read and parse every segment of the folder once."""
    times = []
    for _ in range(runs):
        settle()
        started = time.perf_counter()
        for path in segment_files(folder / SYNC_SEGMENTS):
            json.loads(path.read_bytes())
        times.append(time.perf_counter() - started)
    return Latency(times)


# -- 4. sync importing ~100k ops -------------------------------------------------------------


def sync_import(
    fixture_folder: Path, scratch: Path, catalogue: Catalogue, runs: int
) -> tuple[Latency, int]:
    """A fresh laptop (new data folder) syncs from a copy of a folder another laptop wrote."""
    times, imported = [], 0
    for number in range(runs):
        folder, data = scratch / "folder", scratch / "fresh"
        shutil.copytree(fixture_folder, folder)
        ws = Workspace.open(data, catalogue, **seeded_options(number, "bench-fresh"))
        try:
            # Untimed: the fresh laptop was paired with the one that wrote the folder (as
            # `laptops add`/`join` would), so it trusts its key; else it imports nothing.
            for descriptor in read_descriptors(folder / "trainer-tui"):
                ws.replica.trust_key(descriptor.device, descriptor.key)
            settle()
            started = time.perf_counter()
            report = sync_folder(ws.replica, folder)
            times.append(time.perf_counter() - started)
            imported = report.imported_ops
        finally:
            ws.close()
        shutil.rmtree(folder)
        shutil.rmtree(data)
    return Latency(times), imported


def parse_plain(path: Path, runs: int) -> Latency:
    """The baseline: read and ``json.loads`` the same ops from one plain TinyDB file."""
    times = []
    for _ in range(runs):
        settle()
        started = time.perf_counter()
        json.loads(path.read_bytes())
        times.append(time.perf_counter() - started)
    return Latency(times)
