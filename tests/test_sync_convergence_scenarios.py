"""Known convergence scenarios, each once broken or easy to break (reliability.md §6 R6-R8).

A stale USB stick copied over a newer folder, concurrent edits of one field, a laptop a day
behind that edits last, and a mark saved again after its void: three laptops
(tests/convergence_world.py) sync, then must agree with each other and with the model.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.records import AttendanceStatus, SessionKind
from trainer_tui.services import activity, enrolment
from trainer_tui.services import records as rec
from trainer_tui.services.status import status_json
from trainer_tui.storage import GLOBAL
from trainer_tui.storage.sync import SYNC_ROOT

from .convergence_laptops import (
    COHORT_END,
    COHORT_START,
    DAY_MS,
    DEVICES,
    DRIVING_FROM,
    HOUR_MS,
    PHONES,
    new_base,
    sync_files,
)
from .convergence_model import order_key
from .convergence_world import World


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
