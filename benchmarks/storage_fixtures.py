"""Fixtures for bench_storage.py: seeded replicas, sync folders and plain TinyDB files.

Everything is generated from the demo generators with fixed seeds and written through the
project's own API (``write_dataset`` into a ``Workspace``, ``sync_folder``). Only the hybrid
clock reads the real time, so segment contents (and hashes) differ between builds, not sizes.

Layout of a fixture folder (reused with ``--keep``)::

    manifest.json                   what was built, with which sizes (rebuilt if they change)
    save-<N>/data, save-<N>.json    a replica holding N ops, and a plain TinyDB of the same ops
    archive/data, archive.json      the 10-year replica (demo cohort + campus history)
    archive/sync                    the sync folder it published to
    import/sync, import.json        the newest ~100k ops of that folder, as another laptop's
    demo/data, demo.json            the demo cohort alone
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from trainer_tui.demo import Dataset, demo_cohort, iter_campus_history
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.services.demo_service import write_dataset
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import sync_folder

FIXTURE_VERSION = 1
SEED = 20261126
#: A safe lower bound of ops per year of campus history, to size the generator.
OPS_PER_YEAR_AT_LEAST = 20_000
SYNC_SEGMENTS = Path("trainer-tui") / "segments"


@dataclass(frozen=True)
class Sizes:
    """What one benchmark profile builds and how many samples it takes."""

    save_ops: tuple[int, ...]
    rate_samples: int
    archive_years: int
    import_ops: int
    cold_runs: int
    sync_runs: int
    import_runs: int

    def plain_samples(self, ops: int) -> int:
        """Inserts into a plain TinyDB file: each rewrites the file, so fewer when it is big."""
        if ops <= 1_000:
            return self.rate_samples
        if ops <= 10_000:
            return min(self.rate_samples, 50)
        return 8 if ops <= 100_000 else 5


FULL = Sizes((1_000, 10_000, 100_000, 300_000), 200, 10, 100_000, 5, 5, 3)
QUICK = Sizes((1_000, 10_000), 30, 1, 10_000, 2, 3, 1)


def log(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def seeded_options(seed: int, device: str) -> dict[str, Any]:
    """``Workspace.open`` options with seeded record and op ids and a fixed device id."""
    records, ops = random.Random(seed), random.Random(seed + 1)
    return {
        "new_id": lambda: f"{records.getrandbits(32):08x}",
        "new_op_id": lambda: f"{ops.getrandbits(64):016x}",
        "device_id": device,
    }


def truncate(dataset: Dataset, limit: int) -> Dataset:
    """The first ``limit`` records of ``dataset``, kinds in field order (cohort first)."""
    if len(dataset) <= limit:
        return dataset
    parts: dict[str, tuple[Any, ...]] = {}
    for f in fields(Dataset):
        parts[f.name] = getattr(dataset, f.name)[: max(limit, 0)]
        limit -= len(parts[f.name])
    return Dataset(**parts)


def history(catalogue: Catalogue, years: int) -> Iterator[Dataset]:
    """The current (demo) cohort, then ``years`` of campus history, one cohort at a time."""
    yield demo_cohort(catalogue)
    yield from iter_campus_history(catalogue, years=years)


@dataclass
class Sink:
    """A replica being filled from a stream of datasets, up to ``target`` ops."""

    data_dir: Path
    options: dict[str, Any]
    target: int | None = None
    written: int = 0
    #: ``(cohort id, ops in its partition)`` in the order written (only for whole cohorts).
    cohorts: list[tuple[str, int]] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.target is not None and self.written >= self.target


def fill(sinks: list[Sink], datasets: Iterable[Dataset], catalogue: Catalogue) -> None:
    """Write the datasets into every sink until each holds its target (streamed).

    Each dataset is written by a fresh ``Workspace`` so that loaded partitions do not pile
    up in memory while ten years are written.
    """
    for dataset in datasets:
        if all(sink.full for sink in sinks):
            return
        for sink in sinks:
            if sink.full:
                continue
            part = dataset if sink.target is None else truncate(dataset, sink.target - sink.written)
            with Workspace.open(sink.data_dir, catalogue, **sink.options) as ws:
                count = write_dataset(ws, part)
            sink.written += count
            if part is dataset and dataset.cohorts:
                own = count - len(dataset.cohorts) - len(dataset.trainers)
                sink.cohorts.append((dataset.cohorts[0].id, own))


def segment_files(root: Path) -> list[Path]:
    """Every segment file under ``root`` (a replica's or a sync folder's), sorted."""
    return sorted(p for p in root.rglob("*.json") if not p.name.startswith("."))


def iter_ops(files: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in files:
        table = json.loads(path.read_bytes())["ops"]
        for key in sorted(table, key=int):
            yield table[key]


def write_plain_tinydb(ops: Iterable[dict[str, Any]], path: Path) -> int:
    """A plain TinyDB file (default table, JSONStorage's format) with ``ops`` as documents.

    Streamed piece by piece: the bytes are those ``json.dumps`` of the whole table gives.
    """
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"_default": {')
        for op in ops:
            count += 1
            out.write(f'{", " if count > 1 else ""}"{count}": {json.dumps(op)}')
        out.write("}}")
    return count


@dataclass(frozen=True)
class Fixtures:
    """Paths and op counts of everything the measurements use."""

    root: Path
    manifest: dict[str, Any]

    def save_data(self, ops: int) -> Path:
        return self.root / f"save-{ops}" / "data"

    def save_plain(self, ops: int) -> Path:
        return self.root / f"save-{ops}.json"

    def count(self, name: str) -> int:
        return int(self.manifest["counts"][name])


def _build_save(root: Path, catalogue: Catalogue, sizes: Sizes, counts: dict[str, int]) -> None:
    sinks = [
        Sink(root / f"save-{ops}" / "data", seeded_options(SEED + ops, "bench-n"), target=ops)
        for ops in sizes.save_ops
    ]
    years = max(sizes.save_ops) // OPS_PER_YEAR_AT_LEAST + 1
    log(f"writing replicas of {', '.join(map(str, sizes.save_ops))} ops")
    fill(sinks, history(catalogue, years), catalogue)
    for ops, sink in zip(sizes.save_ops, sinks, strict=True):
        files = segment_files(sink.data_dir / "replica")
        counts[f"save-{ops}"] = write_plain_tinydb(iter_ops(files), root / f"save-{ops}.json")
        assert counts[f"save-{ops}"] == sink.written == ops, (ops, sink.written)


def _build_archive(root: Path, catalogue: Catalogue, sizes: Sizes, counts: dict[str, int]) -> None:
    data, folder = root / "archive" / "data", root / "archive" / "sync"
    options = seeded_options(SEED, "bench-archive")
    sink = Sink(data, options)
    log(f"writing the {sizes.archive_years}-year archive replica")
    fill([sink], history(catalogue, sizes.archive_years), catalogue)
    folder.mkdir(parents=True)
    log("publishing it to a sync folder")
    with Workspace.open(data, catalogue, **options) as ws:
        sync_folder(ws.replica, folder)
    counts["archive"] = write_plain_tinydb(
        iter_ops(segment_files(data / "replica")), root / "archive.json"
    )
    counts["archive-files"] = len(segment_files(folder / SYNC_SEGMENTS))
    # The import folder: the newest cohorts of that folder, as published by another laptop.
    source, target = folder / SYNC_SEGMENTS, root / "import" / "sync" / SYNC_SEGMENTS
    shutil.copytree(folder / "trainer-tui" / "devices", target.parent / "devices")
    shutil.copytree(source / "_global", target / "_global")
    taken = 0
    for cohort_id, ops in [sink.cohorts[0], *reversed(sink.cohorts[1:])]:
        if taken >= sizes.import_ops:
            break
        shutil.copytree(source / cohort_id, target / cohort_id)
        taken += ops
    counts["import"] = write_plain_tinydb(iter_ops(segment_files(target)), root / "import.json")
    counts["import-files"] = len(segment_files(target))
    demo = Sink(root / "demo" / "data", seeded_options(SEED - 1, "bench-demo"))
    fill([demo], [demo_cohort(catalogue)], catalogue)
    counts["demo"] = write_plain_tinydb(
        iter_ops(segment_files(demo.data_dir / "replica")), root / "demo.json"
    )


def ensure_fixtures(root: Path, catalogue: Catalogue, sizes: Sizes) -> tuple[Fixtures, float]:
    """The fixtures under ``root``, built unless a matching build is there; build seconds."""
    path = root / "manifest.json"
    wanted = {
        "version": FIXTURE_VERSION,
        "seed": SEED,
        "save_ops": list(sizes.save_ops),
        "archive_years": sizes.archive_years,
        "import_ops": sizes.import_ops,
    }
    if path.exists():
        manifest = json.loads(path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            log(f"reusing the fixtures in {root} (built {manifest['built']})")
            return Fixtures(root, manifest), 0.0
        log(f"fixtures in {root} do not match these sizes: rebuilding")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    started = time.perf_counter()
    counts: dict[str, int] = {}
    _build_save(root, catalogue, sizes, counts)
    _build_archive(root, catalogue, sizes, counts)
    seconds = time.perf_counter() - started
    manifest = {**wanted, "counts": counts, "built": time.strftime("%Y-%m-%d %H:%M")}
    manifest["build_seconds"] = round(seconds, 1)
    path.write_text(json.dumps(manifest, indent=2))
    log(f"fixtures built in {seconds:.0f} s")
    return Fixtures(root, manifest), seconds
