"""Laptops that sync by copying files converge, lose nothing and flag concurrent edits.

reliability.md §6 R6, R7 and R8: three laptops with skewed clocks edit the same cohort, sync
through a shared folder and a USB stick, copy files between the two by hand (partial, stale,
conflict-named copies), close and reopen. After a full exchange every laptop shows the same
state, holds every acknowledged op, and equals a naive model built from those ops alone
(tests/convergence_model.py).

The laptops and their folders are in tests/convergence_laptops.py and
tests/convergence_world.py, the rules that write records in tests/convergence_rules.py; the
scenarios known to have broken once are in tests/test_sync_convergence_scenarios.py.
"""

from __future__ import annotations

import itertools
import random
import shutil
import sys
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from trainer_tui.services import enrolment
from trainer_tui.services.status import status_json
from trainer_tui.services.syncing import sync
from trainer_tui.storage import GLOBAL
from trainer_tui.storage.sync import SEGMENTS_DIR, SYNC_ROOT

from .convergence_laptops import (
    COHORT_END,
    COHORT_START,
    DAY_MS,
    FIRST_NAMES,
    HOUR_MS,
    NAMES,
    Laptop,
    conflict_name,
    new_base,
    pick,
    sync_files,
)
from .convergence_rules import RecordRules, folders, laptops, picks
from .convergence_world import World


class ConvergenceMachine(RecordRules, RuleBasedStateMachine):
    """Three laptops, a shared folder and a USB stick; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.base = new_base()
        self.world = World(self.base)
        self.snapshots: list[Path] = []
        self.counter = itertools.count(1)

    @initialize()
    def start(self) -> None:
        """A creates the cohort, a trainer and two trainees; everyone syncs the shared folder."""
        world = self.world
        cohort = world.act(
            "A",
            GLOBAL,
            lambda ws: enrolment.create_cohort(
                ws, name="FTTH 2026-B", campus="Saint-Denis", start=COHORT_START, end=COHORT_END
            ),
        )
        assert cohort is not None
        world.act("A", GLOBAL, lambda ws: enrolment.add_trainer(ws, name="Inès", initials="IB"))
        for first in FIRST_NAMES[:2]:
            code = f"SD26{next(self.counter):03d}"
            world.act(
                "A",
                cohort.id,
                lambda ws, f=first, c=code: enrolment.enrol_trainee(
                    ws, cohort, first_name=f, last_name="Martin", code=c
                ),
            )
        for name in NAMES:
            world.sync(name, "shared")

    @rule(laptop=laptops, folder=folders)
    def sync_with(self, laptop: str, folder: str) -> None:
        self._ws(laptop)
        self.world.sync(laptop, folder)

    @rule(
        source=folders,
        seed=picks,
        style=st.sampled_from(["plain", "plain", "syncthing", "dropbox", "nextcloud", "other"]),
    )
    def copy_files(self, source: str, seed: int, style: str) -> None:
        """Copy a random subset of one folder's files into the other, by hand.

        ``plain`` keeps the names; a tool name gives the copies that tool's conflict-copy
        names; ``other`` puts another segment's bytes (same partition and device) under a
        conflict-copy name: such a file does not match its name's hash and must be set
        aside, never imported, and nothing may be lost for it.
        """
        src = self.world.folders[source] / SYNC_ROOT
        dst = self.world.folders["usb" if source == "shared" else "shared"] / SYNC_ROOT
        rng = random.Random(seed)
        for path in sync_files(self.world.folders[source]):
            if rng.random() < 0.5:
                continue
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            is_segment = path.parent.parent.parent.name == SEGMENTS_DIR
            if style == "plain" or not is_segment:
                shutil.copyfile(path, target)
            elif style == "other":
                siblings = sorted(p for p in path.parent.glob("*.json") if p != path)
                content = rng.choice(siblings) if siblings else path
                name = conflict_name(path.name, "syncthing")
                if content.read_bytes() != path.read_bytes():
                    self.world.mismatched.add(name)
                shutil.copyfile(content, target.with_name(name))
            else:
                shutil.copyfile(path, target.with_name(conflict_name(path.name, style)))

    @rule(folder=folders)
    def snapshot(self, folder: str) -> None:
        """Keep an old copy of a folder (a USB stick left in a drawer)."""
        root = self.world.folders[folder] / SYNC_ROOT
        if root.is_dir() and len(self.snapshots) < 4:
            target = self.base / "snapshots" / str(len(self.snapshots))
            shutil.copytree(root, target)
            self.snapshots.append(target)

    @rule(which=picks, folder=folders, replace=st.booleans())
    def restore(self, which: int, folder: str, replace: bool) -> None:
        """Copy an old snapshot back over a folder, merging or replacing the whole folder.

        Replacing (what a file manager does when told to "replace" a folder) removes the
        folder's newer files: the laptops still hold them and publish them again.
        """
        snap = pick(self.snapshots, which)
        if snap is None:
            return
        root = self.world.folders[folder] / SYNC_ROOT
        if replace:
            shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(snap, root, dirs_exist_ok=True)

    @rule(laptop=laptops)
    def reopen(self, laptop: str) -> None:
        """Quit and start again: active segments are sealed, partitions load on demand."""
        self._ws(laptop)
        self.world.laptops[laptop].reopen()

    @rule(laptop=laptops, jump=st.sampled_from([-2 * DAY_MS, -HOUR_MS, HOUR_MS, DAY_MS]))
    def clock_jump(self, laptop: str, jump: int) -> None:
        """The laptop's clock is set, wrongly or rightly, forwards or backwards.

        Skews stay within three days of real time, so two laptops are never more than six
        days apart: beyond seven, a laptop sets the other's ops aside until their time comes
        (storage/ops.py FUTURE_BOUND_MS), which tests/storage tests on its own.
        """
        wall = self.world.laptops[laptop].wall
        wall.skew = max(-3 * DAY_MS, min(3 * DAY_MS, wall.skew + jump))

    def teardown(self) -> None:
        try:
            # A failing step is reported as is; the exchange only follows a complete run.
            if sys.exc_info()[0] is None:
                self.world.full_exchange()
                self.world.check_converged()
                self._events()
                self._check_newcomer_and_restart()
        finally:
            try:
                self.world.close()
            finally:
                shutil.rmtree(self.base, ignore_errors=True)

    def _events(self) -> None:
        """What the example exercised (``pytest --hypothesis-show-statistics``)."""
        model = self.world.model
        event("concurrent edits flagged", str(min(len(model.conflicts()), 3)))
        event("partitions", str(len(model.partitions())))
        event("refused calls", str(min(len(self.world.violations), 2)))
        walls = [a.op["hlc"][0] for a in model.acked.values()]
        skewed = any(a > b for a, b in itertools.pairwise(walls))
        event("an op stamped before an op acknowledged earlier", str(skewed))
        for name, count in self.world.stats.items():
            event(name, str(min(count, 1)))

    def _check_newcomer_and_restart(self) -> None:
        """A new laptop fed by the USB stick alone, and a restarted laptop, agree too."""
        expected = status_json(self.world.laptops["A"].ws)
        newcomer = Laptop("D", self.base / "laptop-D", self.world.timeline)
        try:
            sync(newcomer.ws, self.world.folders["usb"])
            assert status_json(newcomer.ws) == expected
        finally:
            newcomer.ws.close()
        self.world.laptops["B"].reopen()
        assert status_json(self.world.laptops["B"].ws) == expected


ConvergenceMachine.TestCase.settings = settings(
    max_examples=300,
    stateful_step_count=16,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
TestConvergence = ConvergenceMachine.TestCase
