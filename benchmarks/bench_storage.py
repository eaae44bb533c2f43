"""Storage budgets of design.md §7, measured side by side with a plain TinyDB baseline.

    .venv/bin/python benchmarks/bench_storage.py [--quick] [--keep DIR]

Builds seeded fixtures (a few minutes for the full sizes; ``--keep DIR`` reuses them), then
prints one table: this store, the baseline, the ratio baseline/this, the budget and a verdict.
See benchmarks/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import tinydb
from storage_fixtures import FULL, QUICK, Fixtures, Sizes, ensure_fixtures, log
from storage_measures import (
    cold_opens,
    parse_plain,
    plain_inserts,
    read_every_file,
    save_ratings,
    sync_import,
    sync_nothing_new,
)

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.catalogue import Catalogue

Row = tuple[str, str, str, str, str, str]
HEADER: Row = ("measure", "this store", "plain TinyDB", "plain/this", "budget", "verdict")
BLANK = ("", "", "", "")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 1 else f"{seconds * 1000:.0f}"


def sec(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def kops(count: int) -> str:
    return f"{count / 1000:.0f}k" if count >= 10_000 else f"{count / 1000:.1f}k"


def verdict(ok: bool, judged: bool) -> str:
    if not judged:
        return "n/a (quick)"
    return "PASS" if ok else "FAIL"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"date {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; nproc {os.cpu_count()} "
        f"({cpu}); Python {platform.python_version()} on {platform.system()} "
        f"{platform.release()}; tinydb {tinydb.__version__}; {load()}"
    )


def save_rows(fx: Fixtures, scratch: Path, catalogue: Catalogue, sizes: Sizes) -> list[Row]:
    rows = []
    for ops in sizes.save_ops:
        log(f"save one rating, {ops} ops: this store")
        ours, floor, made = save_ratings(fx.save_data(ops), scratch, catalogue, sizes.rate_samples)
        log(f"save one rating, {ops} ops: plain TinyDB")
        theirs = plain_inserts(fx.save_plain(ops), scratch, made[: sizes.plain_samples(ops)])
        ratio50, ratio95 = theirs.p50 / ours.p50, theirs.p95 / ours.p95
        ok = ours.p95 <= 0.005 and min(ratio50, ratio95) >= 100
        judged = ops == 300_000  # the budget's size; the other lines show the trend
        rows.append(
            (
                f"save 1 rating, {kops(ops)} ops, p50/p95 ms "
                f"(n={len(ours.samples)}/{len(theirs.samples)})",
                f"{ms(ours.p50)} / {ms(ours.p95)} (max {ms(ours.worst)})",
                f"{ms(theirs.p50)} / {ms(theirs.p95)}",
                f"{ratio50:.0f}x / {ratio95:.0f}x",
                "p95 <= 5 ms, >= 100x" if judged else "",
                verdict(ok, judged) if judged else "",
            )
        )
        rows.append(
            (
                "  disk floor, interleaved: write_atomic 20 kB",
                f"{ms(floor.p50)} / {ms(floor.p95)} (max {ms(floor.worst)})",
                *BLANK,
            )
        )
    return rows


def cold_rows(fx: Fixtures, sizes: Sizes, judged: bool) -> list[Row]:
    rows = []
    for label, name, budget in [
        (f"{sizes.archive_years} y", "archive", 1.5),
        ("demo", "demo", 1.0),
    ]:
        log(f"cold open, {label}: {sizes.cold_runs} runs each")
        data, plain = fx.root / name / "data", fx.root / f"{name}.json"
        ours, theirs = cold_opens(data, plain, sizes.cold_runs)
        imports, catalogue, opened = (ours.step(step) for step in ("imports", "catalogue", "open"))
        ours_after, theirs_after = ours.total - catalogue, theirs.total - theirs.step("imports")
        is_archive = name == "archive"
        rows += [
            (
                f"cold open -> dashboard, {label} ({kops(fx.count(name))} ops), from process start",
                sec(ours.total),
                f"{sec(theirs.total)} (db.all)",
                f"{theirs.total / ours.total:.1f}x",
                f"<= {budget} s",
                verdict(ours.total <= budget, judged),
            ),
            (
                "  of which python+imports / catalogue / open",
                f"{sec(imports)} / {sec(catalogue - imports)} / {sec(opened - catalogue)}",
                f"{sec(theirs.step('imports'))} (imports)",
                *BLANK[:3],
            ),
            (
                "  from just before Workspace.open",
                sec(ours_after),
                f"{sec(theirs_after)} (TinyDB())",
                f"{theirs_after / ours_after:.1f}x",
                *BLANK[:2],
            ),
            (
                f"peak RSS of that process, {label}",
                f"{ours.rss:.0f} MB",
                f"{theirs.rss:.0f} MB",
                f"{theirs.rss / ours.rss:.1f}x",
                "<= 250 MB" if is_archive else "-",
                verdict(ours.rss <= 250, judged) if is_archive else "-",
            ),
        ]
    return rows


def sync_rows(
    fx: Fixtures, scratch: Path, catalogue: Catalogue, sizes: Sizes, judged: bool
) -> list[Row]:
    folder = fx.root / "archive" / "sync"
    log(f"sync with nothing new: {sizes.sync_runs} runs")
    ours = sync_nothing_new(fx.root / "archive" / "data", folder, catalogue, sizes.sync_runs)
    theirs = read_every_file(folder, sizes.sync_runs)
    files = fx.count("archive-files")
    rows = [
        (
            f"sync, nothing new, {sizes.archive_years} y folder ({files} files), median",
            f"{sec(ours.p50)} (max {sec(ours.worst)})",
            f"{sec(theirs.p50)} (read+parse all)",
            f"{theirs.p50 / ours.p50:.0f}x",
            "<= 0.3 s",
            verdict(ours.worst <= 0.3, judged),
        )
    ]
    log(f"sync importing into a fresh laptop: {sizes.import_runs} runs")
    ours, imported = sync_import(fx.root / "import" / "sync", scratch, catalogue, sizes.import_runs)
    assert imported == fx.count("import"), (imported, fx.count("import"))
    theirs = parse_plain(fx.root / "import.json", sizes.import_runs)
    files = fx.count("import-files")
    rows.append(
        (
            f"sync importing {kops(imported)} ops ({files} files) into a fresh laptop",
            f"{sec(ours.p50)} (max {sec(ours.worst)})",
            f"{sec(theirs.p50)} (json.loads)",
            f"{theirs.p50 / ours.p50:.2f}x",
            "<= 2 s",
            verdict(ours.worst <= 2.0, judged),
        )
    )
    return rows


def print_table(rows: list[Row]) -> None:
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(cell.ljust(w) for cell, w in zip(HEADER, widths, strict=True)).rstrip())
    print(line)
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--keep", type=Path, help="build fixtures here once and reuse them")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = QUICK if args.quick else FULL
    judged = not args.quick
    print(f"bench_storage{' --quick' if args.quick else ''}: {machine()}", flush=True)
    catalogue = load_catalogue(default_catalogue_dir())
    own_root = None if args.keep else Path(tempfile.mkdtemp(prefix="bench-storage-"))
    root = (args.keep / ("quick" if args.quick else "full")) if args.keep else own_root
    assert root is not None
    try:
        fx, build_seconds = ensure_fixtures(root, catalogue, sizes)
        with tempfile.TemporaryDirectory(prefix="bench-scratch-") as scratch:
            rows = save_rows(fx, Path(scratch), catalogue, sizes)
            rows += cold_rows(fx, sizes, judged)
            rows += sync_rows(fx, Path(scratch), catalogue, sizes, judged)
    finally:
        if own_root is not None:
            shutil.rmtree(own_root, ignore_errors=True)
    print_table(rows)
    total = time.perf_counter() - started
    print(f"{load()} at the end")
    built = f"built in {build_seconds:.0f} s" if build_seconds else "reused"
    where = root if args.keep else "a temp dir, removed"
    print(f"wall time {total:.0f} s (fixtures {built}, in {where})")
    failed = [row[0].strip() for row in rows if row[5] == "FAIL"]
    for name in failed:
        print(f"budget missed: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
