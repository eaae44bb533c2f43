"""Laptops that sync by copying files converge, lose nothing and flag concurrent edits.

reliability.md §6 R6, R7 and R8: three laptops with skewed clocks edit the same cohort, sync
through a shared folder and a USB stick, copy files between the two by hand (partial, stale,
conflict-named copies), close and reopen. After a full exchange every laptop shows the same
state, holds every acknowledged op, and equals a naive model built from those ops alone
(tests/convergence_model.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import itertools
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import AttendanceStatus, SessionKind
from trainer_tui.services import activity, enrolment
from trainer_tui.services import records as rec
from trainer_tui.services.erasure import erase_trainee
from trainer_tui.services.status import status_json
from trainer_tui.services.syncing import sync
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL
from trainer_tui.storage.signature import split_signed
from trainer_tui.storage.sync import SEGMENTS_DIR, SYNC_ROOT

from .convergence_model import ConvergenceModel, canonical, order_key
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


# -- the state machine ------------------------------------------------------------------------

laptops = st.sampled_from(NAMES)
folders = st.sampled_from(FOLDERS)
picks = st.integers(min_value=0, max_value=10_000)


class ConvergenceMachine(RuleBasedStateMachine):
    """Three laptops, a shared folder and a USB stick; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.base = new_base()
        self.world = World(self.base)
        self.snapshots: list[Path] = []
        self.counter = itertools.count(1)

    def _ws(self, name: str) -> Workspace:
        self.world.timeline.advance()
        return self.world.laptops[name].ws

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

    @rule(laptop=laptops, which=picks, first=st.sampled_from(FIRST_NAMES))
    def enrol(self, laptop: str, which: int, first: str) -> None:
        cohort = pick(self._ws(laptop).cohorts(), which)
        if cohort is None:
            return
        code = f"SD26{next(self.counter):03d}"
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.enrol_trainee(
                ws, cohort, first_name=first, last_name="Diallo", code=code
            ),
        )

    @rule(
        laptop=laptops,
        which=picks,
        field_name=st.sampled_from(["first_name", "phone"]),
        value=picks,
    )
    def edit(self, laptop: str, which: int, field_name: str, value: int) -> None:
        """Few values on few fields: laptops often edit the same field concurrently."""
        found = pick(all_trainees(self._ws(laptop)), which)
        if found is None:
            return
        cohort, trainee = found
        pool = FIRST_NAMES if field_name == "first_name" else PHONES
        changes = {field_name: pool[value % len(pool)]}
        self.world.act(
            laptop, cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, **changes)
        )

    @rule(
        laptops=st.lists(laptops, min_size=2, max_size=3, unique=True),
        which=picks,
        field_name=st.sampled_from(["first_name", "phone"]),
        values=st.lists(picks, min_size=3, max_size=3),
    )
    def edit_on_several(
        self, laptops: list[str], which: int, field_name: str, values: list[int]
    ) -> None:
        """Two or three laptops edit one field of one trainee, none syncing in between."""
        shared = None
        for name in laptops:
            mine = {t.id for _, t in all_trainees(self._ws(name))}
            shared = mine if shared is None else shared & mine
        chosen = pick(sorted(shared or ()), which)
        if chosen is None:
            return
        for name, value in zip(laptops, values, strict=False):
            cohort, trainee = self._ws(name).find_trainee(chosen)
            pool = FIRST_NAMES if field_name == "first_name" else PHONES
            changes = {field_name: pool[value % len(pool)]}
            self.world.act(
                name,
                cohort.id,
                lambda ws, c=cohort, t=trainee, ch=changes: enrolment.edit_trainee(ws, c, t, **ch),
            )

    @rule(laptop=laptops, which=picks, days_ago=st.sampled_from([0, 0, 4]), reason=picks)
    def withdraw(self, laptop: str, which: int, days_ago: int, reason: int) -> None:
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        on = ws.today() - dt.timedelta(days=days_ago)
        why = ("a trouvé un emploi", "déménagement")[reason % 2]
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.withdraw_trainee(ws, cohort, trainee, on=on, reason=why),
        )

    @rule(
        laptop=laptops,
        which=picks,
        days_ago=st.integers(min_value=0, max_value=6),
        slot=st.sampled_from(SLOTS),
        kind=st.sampled_from(list(SessionKind)),
        skills=st.lists(st.sampled_from(RATED_SKILLS), max_size=2),
        marks=st.lists(st.sampled_from(list(AttendanceStatus)), max_size=5),
    )
    def session(
        self,
        laptop: str,
        which: int,
        days_ago: int,
        slot: tuple[dt.time, dt.time],
        kind: SessionKind,
        skills: list[str],
        marks: list[AttendanceStatus],
    ) -> None:
        """Record a session, then mark attendance of its trainees (two saves)."""
        ws = self._ws(laptop)
        cohort, trainer = pick(ws.cohorts(), which), pick(ws.trainers(), which)
        if cohort is None or trainer is None:
            return
        day = ws.today() - dt.timedelta(days=days_ago)
        session = self.world.act(  # refused if practical without a skill
            laptop,
            cohort.id,
            lambda ws: activity.record_session(
                ws,
                cohort,
                date=day,
                start=slot[0],
                end=slot[1],
                kind=kind,
                trainer=trainer,
                skill_ids=skills,
            ),
        )
        if session is None:
            return
        trainees = activity.present_trainees(ws.cohort_records(cohort).trainees, day)
        statuses = marks or [AttendanceStatus.PRESENT]
        to_mark = [
            activity.Mark(t, status, late_minutes=15 if status is AttendanceStatus.LATE else 0)
            for t, status in zip(trainees, itertools.cycle(statuses), strict=False)
        ]
        self.world.act(
            laptop, cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, to_mark)
        )

    @rule(laptop=laptops, which=picks, status=st.sampled_from(list(AttendanceStatus)))
    def remark(self, laptop: str, which: int, status: AttendanceStatus) -> None:
        """Mark one trainee again at a known session: the later mark replaces the earlier."""
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        session = pick(ws.cohort_records(cohort).sessions, which // 7)
        if session is None:
            return
        mark = activity.Mark(
            trainee, status, late_minutes=5 if status is AttendanceStatus.LATE else 0
        )
        self.world.act(
            laptop, cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, [mark])
        )

    @rule(
        laptop=laptops,
        which=picks,
        skill=st.sampled_from(RATED_SKILLS),
        level=st.integers(min_value=0, max_value=4),
        measure=st.none() | st.floats(min_value=0, max_value=1),
    )
    def rate(self, laptop: str, which: int, skill: str, level: int, measure: float | None) -> None:
        """Rate a trainee (refused, and nothing written, if the trainee left before today)."""
        ws = self._ws(laptop)
        found, trainer = pick(all_trainees(ws), which), pick(ws.trainers(), which)
        if found is None or trainer is None:
            return
        cohort, trainee = found
        value = None
        spec = CATALOGUE.skill(skill).measurement
        if spec is not None and measure is not None:
            quantity = CATALOGUE.quantities[spec.quantity]
            span = quantity.physical_max - quantity.physical_min
            value = round(quantity.physical_min + measure * span, 2)
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: activity.rate(
                ws, cohort, trainee, skill, level, trainer=trainer, measured_value=value
            ),
        )

    @rule(
        laptop=laptops,
        which=picks,
        minutes=st.sampled_from([30, 60, 90, 120]),
        competencies=st.lists(st.sampled_from(DRIVING_SKILLS), max_size=2),
    )
    def drive(self, laptop: str, which: int, minutes: int, competencies: list[str]) -> None:
        """Log a driving lesson in a slot no other lesson uses: lessons never overlap."""
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        slot = next(self.counter)
        day = DRIVING_FROM + dt.timedelta(days=slot // 3)
        start = dt.time(8 + 3 * (slot % 3), 0)
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: activity.log_driving(
                ws,
                cohort,
                trainee,
                date=day,
                start=start,
                minutes=minutes,
                instructor="M. Lefèvre",
                competencies=competencies,
            ),
        )

    @rule(laptop=laptops, which=picks, reason=st.sampled_from(REASONS))
    def void(self, laptop: str, which: int, reason: str) -> None:
        """Void a known assessment, driving lesson, session or attendance mark."""
        ws = self._ws(laptop)
        facts = []
        for cohort in ws.cohorts():
            records = ws.cohort_records(cohort)
            facts += [(cohort, a.id) for a in records.assessments]
            facts += [(cohort, d.id) for d in records.lessons]
            facts += [(cohort, s.id) for s in records.sessions]
            facts += [
                (cohort, rec.attendance_id(m.session_id, m.trainee_id)) for m in records.attendances
            ]
        found = pick(facts, which)
        if found is None:
            return
        cohort, entity_id = found
        self.world.act(laptop, cohort.id, lambda ws: activity.void(ws, entity_id, reason))

    @rule(laptop=laptops, which=picks)
    def erase(self, laptop: str, which: int) -> None:
        """A trainee's erasure (GDPR art. 17), on one laptop, possibly mid-way through edits."""
        found = pick(all_trainees(self._ws(laptop)), which)
        if found is None:
            return
        cohort, trainee = found
        self.world.act(laptop, cohort.id, lambda ws: erase_trainee(ws, cohort, trainee))

    @rule(laptop=laptops, which=picks)
    def new_cohort(self, laptop: str, which: int) -> None:
        """Another cohort (another partition) and its first trainee.

        Two laptops may each create a cohort of the same name: both are kept.
        """
        ws = self._ws(laptop)
        name = EXTRA_COHORTS[which % len(EXTRA_COHORTS)]
        if any(c.name == name for c in ws.cohorts()):
            return
        cohort = self.world.act(
            laptop,
            GLOBAL,
            lambda ws: enrolment.create_cohort(
                ws,
                name=name,
                campus="Villeurbanne",
                start=DRIVING_FROM,
                end=dt.date(2027, 1, 29),
            ),
        )
        assert cohort is not None
        code = f"VI26{next(self.counter):03d}"
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.enrol_trainee(
                ws, cohort, first_name="Dylan", last_name="Moreau", code=code
            ),
        )

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


# -- known scenarios --------------------------------------------------------------------------


@pytest.fixture
def world() -> Iterator[World]:
    base = new_base()
    made = World(base)
    try:
        yield made
    finally:
        try:
            made.close()
        finally:
            shutil.rmtree(base, ignore_errors=True)


def _setup(world: World) -> tuple[Cohort, Trainee]:
    """A's cohort with one trainee, known to every laptop through the shared folder."""
    cohort = world.act(
        "A",
        GLOBAL,
        lambda ws: enrolment.create_cohort(
            ws, name="FTTH 2026-B", campus="Saint-Denis", start=COHORT_START, end=COHORT_END
        ),
    )
    assert cohort is not None
    world.act("A", GLOBAL, lambda ws: enrolment.add_trainer(ws, name="Inès", initials="IB"))
    trainee = world.act(
        "A",
        cohort.id,
        lambda ws: enrolment.enrol_trainee(
            ws, cohort, first_name="Awa", last_name="Martin", code="SD26001"
        ),
    )
    assert trainee is not None
    for name in world.laptops:
        world.sync(name, "shared")
    return cohort, trainee


def _trainee(world: World, name: str, cohort: Cohort) -> Trainee:
    return world.laptops[name].ws.cohort_records(cohort).trainees[0]


def _status(world: World, name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(status_json(world.laptops[name].ws))
    return result


@pytest.mark.parametrize("replace", [False, True], ids=["merged", "replaced"])
def test_a_stale_usb_stick_copied_over_a_newer_folder_loses_nothing(
    world: World, replace: bool
) -> None:
    cohort, trainee = _setup(world)
    stale = world.base / "stale-usb"
    shutil.copytree(world.folders["shared"] / SYNC_ROOT, stale)
    # A goes on: a rating, a driving lesson, an edit, and a voided rating (a tombstone).
    ws = world.laptops["A"].ws
    trainer = ws.trainers()[0]
    kept = world.act(
        "A", cohort.id, lambda ws: activity.rate(ws, cohort, trainee, "SEC-01", 3, trainer=trainer)
    )
    wrong = world.act(
        "A", cohort.id, lambda ws: activity.rate(ws, cohort, trainee, "SEC-02", 1, trainer=trainer)
    )
    assert kept is not None and wrong is not None
    world.act(
        "A",
        cohort.id,
        lambda ws: activity.log_driving(
            ws,
            cohort,
            trainee,
            date=DRIVING_FROM,
            start=dt.time(9, 0),
            minutes=60,
            instructor="M. Lefèvre",
        ),
    )
    world.act(
        "A", cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, phone=PHONES[1])
    )
    world.act("A", cohort.id, lambda ws: activity.void(ws, wrong.id, "doublon"))
    world.sync("A", "shared")
    before = {p.relative_to(world.folders["shared"]) for p in sync_files(world.folders["shared"])}

    # The stale stick is copied over the shared folder, then B syncs from it, and so does A.
    root = world.folders["shared"] / SYNC_ROOT
    if replace:
        shutil.rmtree(root)
    shutil.copytree(stale, root, dirs_exist_ok=True)
    after = {p.relative_to(world.folders["shared"]) for p in sync_files(world.folders["shared"])}
    assert replace or after >= before, "copying over a folder only ever adds files"
    world.sync("B", "shared")
    world.sync("A", "shared")  # A still holds everything and publishes it again
    world.sync("B", "shared")
    shutil.copytree(stale, world.folders["usb"] / SYNC_ROOT, dirs_exist_ok=True)
    for name in world.laptops:
        world.sync(name, "usb")  # the stale stick resurrects nothing on anyone

    status = _status(world, "B")
    (record,) = status["cohorts"][0]["trainees"]
    assert record["phone"] == PHONES[1]
    assert set(record["skills"]) == {"SEC-01"}, "the voided rating stays void"
    assert record["driving_minutes"] == 60
    world.full_exchange()
    world.check_converged()


def test_concurrent_edits_are_flagged_the_greater_stamp_wins_and_a_later_edit_clears(
    world: World,
) -> None:
    cohort, _ = _setup(world)
    # A and B rename the trainee without syncing in between; C changes the phone meanwhile.
    for name, first in (("A", "Chloé"), ("B", "Bilal")):
        trainee = _trainee(world, name, cohort)
        world.act(
            name,
            cohort.id,
            lambda ws, t=trainee, f=first: enrolment.edit_trainee(ws, cohort, t, first_name=f),
        )
    trainee = _trainee(world, "C", cohort)
    world.act(
        "C", cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, phone=PHONES[2])
    )
    world.full_exchange()
    world.check_converged()

    edits = [a.op for a in world.model.acked.values() if set(a.op["set"]) == {"first_name"}]
    assert {op["dev"] for op in edits} == {DEVICES["A"], DEVICES["B"]}
    winner = max(edits, key=order_key)
    (conflict,) = _status(world, "C")["conflicts"]
    assert conflict["field"] == "first_name"
    assert conflict["values"] == [op["set"]["first_name"] for op in sorted(edits, key=order_key)]
    assert conflict["kept"] == winner["set"]["first_name"] == "Chloé", "A is 3 hours ahead of B"
    for name in world.laptops:
        assert _trainee(world, name, cohort).first_name == "Chloé"
        assert _trainee(world, name, cohort).phone == PHONES[2], "other fields merge"

    # B, having seen both, settles it; once everyone has that edit, the flag is gone.
    trainee = _trainee(world, "B", cohort)
    world.act(
        "B", cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, first_name="Bilal")
    )
    world.full_exchange()
    world.check_converged()
    assert _status(world, "A")["conflicts"] == []
    for name in world.laptops:
        assert _trainee(world, name, cohort).first_name == "Bilal"


@pytest.mark.parametrize("restart", [False, True], ids=["running", "restarted"])
def test_a_laptop_a_day_behind_still_wins_with_its_later_edit(world: World, restart: bool) -> None:
    cohort, _ = _setup(world)
    world.laptops["B"].wall.skew = -DAY_MS
    trainee = _trainee(world, "A", cohort)
    world.act(
        "A", cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, phone=PHONES[1])
    )
    world.sync("A", "usb")
    world.timeline.advance(HOUR_MS)
    world.sync("B", "usb")
    if restart:
        world.laptops["B"].reopen()  # the hybrid clock is rebuilt from the data it loads
    trainee = _trainee(world, "B", cohort)
    assert trainee.phone == PHONES[1]
    world.act(
        "B", cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, phone=PHONES[2])
    )
    world.full_exchange()
    world.check_converged()

    phone_ops = sorted(
        (a.op for a in world.model.acked.values() if "phone" in a.op["set"]), key=order_key
    )
    seen, mine = phone_ops[-2], phone_ops[-1]
    assert (mine["dev"], seen["dev"]) == (DEVICES["B"], DEVICES["A"]), "B's edit is ordered last"
    assert world.laptops["B"].wall() < seen["hlc"][0], "although B's clock is a day behind"
    assert mine["hlc"][0] == seen["hlc"][0], "B's stamp takes the wall time it saw, not more"
    for name in world.laptops:
        assert _trainee(world, name, cohort).phone == PHONES[2]
    assert _status(world, "C")["conflicts"] == []


def test_marking_a_trainee_again_after_the_mark_was_voided_shows_the_new_mark(
    world: World,
) -> None:
    cohort, trainee = _setup(world)
    trainer = world.laptops["A"].ws.trainers()[0]
    session = world.act(
        "A",
        cohort.id,
        lambda ws: activity.record_session(
            ws,
            cohort,
            date=dt.date(2026, 11, 19),
            start=dt.time(9, 0),
            end=dt.time(12, 0),
            kind=SessionKind.FRENCH,
            trainer=trainer,
        ),
    )
    assert session is not None
    absent = [activity.Mark(trainee, AttendanceStatus.ABSENT)]
    world.act("A", cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, absent))
    world.sync("A", "shared")
    world.sync("B", "shared")
    # B voids the mark (entered by mistake); A sees the void, then marks the trainee present.
    mark_id = rec.attendance_id(session.id, trainee.id)
    world.act("B", cohort.id, lambda ws: activity.void(ws, mark_id, "erreur de saisie"))
    world.sync("B", "shared")
    world.sync("A", "shared")
    present = [activity.Mark(trainee, AttendanceStatus.PRESENT)]
    world.act("A", cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, present))
    world.full_exchange()
    world.check_converged()  # the laptops agree: the bug is in what they agree on

    for name in world.laptops:
        (shown,) = _status(world, name)["cohorts"][0]["sessions"]
        assert shown["attendance"] == {
            trainee.id: {"status": "present", "late_minutes": 0, "left_early_minutes": 0}
        }, f"laptop {name} does not show the mark saved after the void"
