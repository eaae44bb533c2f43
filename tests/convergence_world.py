"""The world of the convergence tests: laptops, two sync folders, and the model of every op.

:class:`World` runs service calls on a laptop and acknowledges each op they wrote to the
model (tests/convergence_model.py), syncs a laptop with a folder, and after a full exchange
checks R6, R7 and R14 (reliability.md §6): every laptop and folder holds the same complete
state, equal to the model's, and no erased trainee's code is left anywhere.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.services.status import status_json
from trainer_tui.services.syncing import sync
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.signature import split_signed
from trainer_tui.storage.sync import SEGMENTS_DIR, SYNC_ROOT

from .convergence_laptops import FOLDERS, NAMES, Laptop, T, Timeline, folder_segments
from .convergence_model import ConvergenceModel, canonical


class World:
    """Laptops, the two sync folders, and the model of every acknowledged op."""

    def __init__(self, base: Path, names: tuple[str, ...] = NAMES) -> None:
        self.base = base
        self.timeline = Timeline()
        self.laptops = {n: Laptop(n, base / f"laptop-{n}", self.timeline) for n in names}
        self.folders = {name: base / name for name in FOLDERS}
        for folder in self.folders.values():
            folder.mkdir()
        self.model = ConvergenceModel()
        #: Refusals the scenarios expect (rating a trainee who left, a practical session
        #: without skills); any other one fails the test.
        self.allowed = {
            "trainee_left",
            "practical_without_skills",
            "already_erased",
            "erased_trainee",
        }
        #: Names of conflict copies made with another segment's bytes: a sync must set
        #: them aside as damaged (and lose nothing), never import them.
        self.mismatched: set[str] = set()
        self.violations: list[str] = []
        self.stats: Counter[str] = Counter()

    def act(self, name: str, partition: str, action: Callable[[Workspace], T]) -> T | None:
        """Run a service call on a laptop and acknowledge every op it wrote.

        ``known`` is what the laptop held in ``partition`` just before: the op's causal
        past for the model. A refused call (``RuleViolation``) must write nothing.
        """
        laptop = self.laptops[name]
        ws = laptop.ws
        known = frozenset(ws.partition(partition).op_ids)
        try:
            result: T | None = action(ws)
        except RuleViolation as error:
            if error.code not in self.allowed:
                raise
            self.violations.append(error.code)
            result = None
        new = self._unacknowledged(laptop)
        if result is None:
            assert not new, f"a refused call wrote ops: {new}"
        for where, op in new:
            assert where == partition, f"op written to {where}, expected {partition}"
            self.model.acknowledge(where, op, known, name)
        return result

    def _unacknowledged(self, laptop: Laptop) -> list[tuple[str, dict[str, Any]]]:
        return [
            (name, op)
            for name, state in laptop.ws.replica.loaded().items()
            for op_id, op in state.op_ids.items()
            if op["dev"] == laptop.device and op_id not in self.model.acked
        ]

    def sync(self, name: str, folder: str) -> None:
        outcome = sync(self.laptops[name].ws, self.folders[folder])
        for aside in outcome.report.set_aside:
            assert (Path(aside.path).name, aside.reason) in {
                (n, "damaged") for n in self.mismatched
            }, aside
        self.stats["conflict copies read"] += outcome.report.conflict_copies
        self.stats["own segments found"] += outcome.report.own_segments_found

    def close(self) -> None:
        errors = []
        for laptop in self.laptops.values():
            try:
                laptop.ws.close()
            except Exception as error:  # close the others, then report
                errors.append(error)
        if errors:
            raise errors[0]

    # -- the final exchange and the checks ------------------------------------------------

    def relay(self) -> None:
        """The folders are only transports: B carries what A published on to C's stick.

        A syncs the shared folder, B the shared folder then the USB stick, C the stick only:
        C must then hold every op A and B acknowledged, whoever wrote the segments.
        """
        for name, folder in (("A", "shared"), ("B", "shared"), ("B", "usb"), ("C", "usb")):
            self.sync(name, folder)
        replica = self.laptops["C"].ws.replica
        held = {op for part in replica.partition_names() for op in replica.partition(part).op_ids}
        carried = {op for op, acked in self.model.acked.items() if acked.laptop in ("A", "B")}
        missing = carried - held
        assert not missing, f"C did not get {len(missing)} ops through B: {sorted(missing)[:5]}"

    def full_exchange(self) -> None:
        """A relay, then every laptop syncs with both folders, twice; then the folders swap."""
        self.relay()
        for _ in range(2):
            for name in self.laptops:
                for folder in FOLDERS:
                    self.sync(name, folder)
        shared, usb = (self.folders[f] / SYNC_ROOT for f in FOLDERS)
        shutil.copytree(shared, usb, dirs_exist_ok=True)
        shutil.copytree(usb, shared, dirs_exist_ok=True)

    def check_converged(self) -> None:
        """R6 and R7 after a full exchange: identical, complete, equal to the model."""
        statuses = {name: status_json(laptop.ws) for name, laptop in self.laptops.items()}
        first = next(iter(statuses.values()))
        for name, text in statuses.items():
            diff = difflib.unified_diff(first.splitlines(), text.splitlines(), lineterm="", n=2)
            assert text == first, f"laptop {name} shows another status:\n" + "\n".join(
                itertools.islice(diff, 60)
            )

        expected_parts = self.model.partitions()
        segments = None
        for name, laptop in self.laptops.items():
            replica = laptop.ws.replica
            assert set(replica.partition_names()) == expected_parts, name
            for part in sorted(expected_parts):
                state = replica.partition(part)
                missing = self.model.op_ids(part) - set(state.op_ids)
                assert not missing, f"laptop {name} lost acknowledged ops {sorted(missing)}"
                assert state.op_ids == self.model.ops(part), f"laptop {name}: ops of {part}"
                values = {key: entity.values for key, entity in state.entities.items()}
                assert values == self.model.entities(part), f"laptop {name}: state of {part}"
                assert not state.clashes, state.clashes
            assert replica.set_aside == [], replica.set_aside
            held = replica.sealed_names()
            assert segments is None or held == segments, f"laptop {name} segments differ"
            segments = held

        for folder in FOLDERS:
            assert folder_segments(self.folders[folder]) == segments, folder
            root = self.folders[folder] / SYNC_ROOT / SEGMENTS_DIR
            for part, device, name in sorted(segments or ()):
                data = (root / part / device / name).read_bytes()
                digest = hashlib.sha256(split_signed(data).body).hexdigest()[:16]
                assert name.split("-")[1].startswith(digest), f"{folder}: {name} is damaged"

        conflicts = sorted(json.loads(first)["conflicts"], key=canonical)
        assert conflicts == self.model.conflicts()
        assert self.model.causality_violations() == []
        self.check_erased()

    def check_erased(self) -> None:
        """R14: no laptop and no folder holds an erased trainee's code any more.

        Codes are unique (names are not, here). Left out: snapshots kept aside (a stick in a
        drawer, the documented residue) and files the syncs keep setting aside as damaged.
        """
        codes = set()
        for partition, eid in self.model.erased():
            for acked in self.model.acked.values():
                op = acked.op
                if acked.partition == partition and op["eid"] == eid and op["set"].get("code"):
                    codes.add(op["set"]["code"].encode())
        codes -= {
            str(op["set"].get("code")).encode()
            for part in self.model.partitions()
            for op in self.model.ops(part).values()
        }  # an erased code is the anonymous one: never among the codes still in use
        places = [laptop.data_dir for laptop in self.laptops.values()]
        places += list(self.folders.values())
        for place in places:
            for path in place.rglob("*.json"):
                if path.name in self.mismatched:
                    continue
                data = path.read_bytes()
                found = [code for code in codes if code in data]
                assert not found, f"{path} still holds erased {found}"
        self.stats["erasures"] += len(self.model.erased())
