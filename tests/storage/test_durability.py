"""Nothing acknowledged is lost, and every file stays readable, whenever the app is killed.

A writer process (writer_proc.py) acknowledges each op only after ``Replica.write`` returned.
The test kills it with SIGKILL at random instants (during opens, writes, seals and closes),
reopens the same data folder each time and checks every acknowledged op is there. Writers are
started a little ahead (they wait on stdin) so the interpreter start-up overlaps the checks.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections import Counter, deque
from pathlib import Path

from trainer_tui.storage.files import TEMP_SUFFIX
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.segments import read_segment

from .helpers import all_op_ids

WRITER = Path(__file__).with_name("writer_proc.py")
KILLS = 210
SEAL_AT = 5  # as in writer_proc.py: a seal every few writes
AHEAD = 2  # writers started in advance


class Run:
    """Counters of what the loop saw, and the sealed files already verified."""

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()
        self.verified: set[Path] = set()
        self.temps: set[Path] = set()


def _kill_at_random(proc: subprocess.Popen[bytes], rng: random.Random, run: Run) -> bytes:
    """Let the writer go, kill it at a random instant; return everything it printed."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"go\n")
    proc.stdin.flush()
    seen = b""
    mode = rng.random()
    if mode < 0.2:  # anywhere: first open, first writes, a few seals
        run.stats["kill_after_delay"] += 1
        time.sleep(rng.uniform(0.0, 0.08))
    else:  # just after it starts opening the store, or once it is writing
        wanted = b"opening" if mode < 0.45 else b"ack"
        run.stats[f"kill_after_{wanted.decode()}"] += 1
        while line := proc.stdout.readline():
            seen += line
            if line.startswith(wanted):
                break
        time.sleep(rng.uniform(0.0, 0.012 if wanted == b"opening" else 0.08))
    proc.kill()
    rest, errors = proc.communicate()
    assert b"Traceback" not in errors, errors.decode()
    run.stats["killed" if proc.returncode != 0 else "ran_to_end"] += 1
    return seen + rest


def _acknowledged(output: bytes) -> set[str]:
    complete = output.split(b"\n")[:-1]  # a line without its newline was never acknowledged
    return {line[4:].decode() for line in complete if line.startswith(b"ack ")}


def _check_files(data: Path, device: str, run: Run, everything: bool = False) -> None:
    """Every JSON file parses, no file was set aside, temp files are never data.

    Sealed segments are immutable, so each is verified once (all again when ``everything``).
    """
    assert not (data / "quarantine").exists()
    for path in (data / "local").rglob("*.json"):
        json.loads(path.read_bytes())
    for path in (data / "replica").rglob("*"):
        if path.name.endswith(TEMP_SUFFIX):
            run.temps.add(path)
            assert path.name.startswith(".")
        elif path.is_file() and (everything or path not in run.verified):
            json.loads(path.read_bytes())
            segment = read_segment(path, path.parent.parent.name, path.parent.name)
            assert segment.device == device and segment.name == path.name
            run.verified.add(path)
    assert not list((data / "local" / "active").glob(f"*{TEMP_SUFFIX}"))


def _reopen_and_check(data: Path, acked: set[str], seal: bool, run: Run) -> None:
    replica = Replica.open(data, seal_at=SEAL_AT)
    try:
        assert replica.set_aside == []
        if any((data / "local" / "active").glob("*.json")):
            run.stats["reopened_with_active_ops"] += 1
        missing = acked - all_op_ids(replica)
        assert not missing, f"{len(missing)} acknowledged ops lost, e.g. {sorted(missing)[:3]}"
        names = {name for _p, _d, name in replica.sealed_names()}
        assert not any(name.endswith(TEMP_SUFFIX) for name in names)
        device = replica.device.id
    finally:
        if seal:
            replica.close()  # a normal quit: seals what the killed writer left active
        else:
            replica._lock.release()  # leave the active segments as the kill left them
    _check_files(data, device, run)


def _plant_stale_temp(data: Path) -> None:
    """A temp file such as a kill during a seal leaves, holding half a segment."""
    folder = next((data / "replica" / GLOBAL).iterdir())
    segment = next(p for p in folder.iterdir() if p.suffix == ".json")
    temp = folder / f".{segment.name.replace('-', '-0', 1)}.deadbeef{TEMP_SUFFIX}"
    temp.write_bytes(segment.read_bytes()[:50])


def _spawn(data: Path, seed: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data), seed],
        bufsize=0,  # communicate() reads the pipe itself: nothing may sit in a buffer
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_every_acknowledged_change_survives_kill_9(tmp_path: Path) -> None:
    rng = random.Random(20261120)
    data = tmp_path / "data"
    acked: set[str] = set()
    run = Run()
    started = time.monotonic()
    waiting = deque(_spawn(data, f"w{n}") for n in range(AHEAD))
    try:
        for iteration in range(KILLS):
            proc = waiting.popleft()
            waiting.append(_spawn(data, f"w{iteration + AHEAD}"))
            new = _acknowledged(_kill_at_random(proc, rng, run))
            assert not new & acked, "op ids are unique"
            acked |= new
            _reopen_and_check(data, acked, seal=rng.random() < 0.5, run=run)
            if iteration == 3:
                _plant_stale_temp(data)
    finally:
        for proc in waiting:
            proc.communicate(b"")  # EOF on stdin: the spare writer exits without writing
    replica = Replica.open(data, seal_at=SEAL_AT)
    assert acked <= all_op_ids(replica) and replica.set_aside == []
    replica.close()
    _check_files(data, replica.device.id, run, everything=True)
    run.stats.update(acknowledged_ops=len(acked), temp_files_left=len(run.temps))
    print(f"\nkill -9: {KILLS} kills in {time.monotonic() - started:.1f} s, {dict(run.stats)}")
    assert run.stats["killed"] >= 200
    assert len(acked) > KILLS, "kills landed after many writes, not only at start-up"
    assert run.stats["reopened_with_active_ops"] > 20
    assert not run.temps, "temporary files (the planted one included) are removed on open"


def test_temp_files_a_killed_seal_left_are_removed_on_open(tmp_path: Path) -> None:
    """Regression: ``Replica.open`` cleans temps in ``replica/`` itself, where none are made.

    ``write_atomic`` puts its temp file next to the target, so a kill during a seal leaves it
    in ``replica/<partition>/<device>/``; nothing ever removes it (it is ignored, not read).
    """
    data = tmp_path / "data"
    replica = Replica.open(data, seal_at=SEAL_AT)
    replica.close()
    folder = data / "replica" / GLOBAL / replica.device.id
    folder.mkdir(parents=True)
    temp = folder / f".00000001-0123456789abcdef.json.deadbeef{TEMP_SUFFIX}"
    temp.write_bytes(b'{"header": {"1": {')
    Replica.open(data, seal_at=SEAL_AT).close()
    assert not temp.exists()
