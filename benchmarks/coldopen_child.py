"""One cold open, run in a fresh interpreter by bench_storage.py; prints one JSON line.

    coldopen_child.py store DATA_DIR     open the replica, get the current cohort's dashboard
    coldopen_child.py plain FILE.json    open a plain TinyDB file and read it all

Times are ``time.monotonic()`` stamps (system-wide on Linux), so the parent can measure from
just before it started this process.
"""

import time

MAIN = time.monotonic()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def store(data_dir: Path) -> dict[str, object]:
    from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
    from trainer_tui.services.overview import cohort_overview
    from trainer_tui.services.workspace import Workspace

    imported = time.monotonic()
    catalogue = load_catalogue(default_catalogue_dir())
    loaded = time.monotonic()
    ws = Workspace.open(data_dir, catalogue)
    opened = time.monotonic()
    try:
        cohorts = ws.cohorts()
        current = cohorts[0]
        records = ws.cohort_records(current)
        rows = cohort_overview(
            catalogue,
            current,
            records.trainees,
            records.sessions,
            records.attendances,
            records.assessments,
            records.lessons,
        )
        ready = time.monotonic()
    finally:
        ws.close()
    return {
        "stamps": {"main": MAIN, "imports": imported, "catalogue": loaded, "open": opened},
        "ready": ready,
        "cohort": current.id,
        "rows": len(rows),
        "partitions_loaded": len(ws.replica.loaded()),
    }


def plain(path: Path) -> dict[str, object]:
    from tinydb import TinyDB

    imported = time.monotonic()
    db = TinyDB(path)
    documents = db.all()
    ready = time.monotonic()
    db.close()
    return {"stamps": {"main": MAIN, "imports": imported}, "ready": ready, "rows": len(documents)}


def peak_rss_mb() -> float:
    """Peak RSS of this process in MB.

    ``ru_maxrss`` is not used where /proc exists: Linux carries it over from the parent
    across fork and exec, so it reports the (big) benchmark process that started this one.
    VmHWM is the high-water mark of this program's own memory.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    result = store(target) if mode == "store" else plain(target)
    result["max_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
