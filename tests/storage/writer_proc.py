"""Writer process for the kill -9 test: writes changes until it is killed.

Usage: ``python writer_proc.py <data-dir> <seed>``. It imports the store, then waits for a
line on stdin (so the test can start it ahead of time), then prints ``opening`` before each
``Replica.open``, then ``ack <op-id>`` for each op, only once ``Replica.write`` has returned
(the change is acknowledged). Every few writes it closes (sealing) and opens again, so kills
also land during opens and closes. It stops by itself after a few seconds.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from trainer_tui.storage import GLOBAL, Change, Replica

SEAL_AT = 5
PARTITIONS = [GLOBAL, GLOBAL, "cohort-a", "cohort-b"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), sys.argv[2]
    rng = random.Random(seed)
    if not sys.stdin.readline():
        return  # the test ended without needing this writer
    deadline = time.monotonic() + 5
    number = 0
    while time.monotonic() < deadline:
        say("opening")
        replica = Replica.open(data_dir, seal_at=SEAL_AT)
        for _ in range(rng.randint(3, 17)):
            number += 1
            changes = [
                Change("mark", f"{seed}-{number}-{part}", {"n": number, "who": "Inès"})
                for part in range(rng.choice([1, 1, 1, 2, 3]))
            ]
            ops = replica.write(rng.choice(PARTITIONS), changes)
            say("\n".join(f"ack {op['id']}" for op in ops))
        replica.close()


if __name__ == "__main__":
    main()
