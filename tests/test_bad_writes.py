"""A write the domain refuses is set aside and reported; it never hides a real record.

Issue 13, Deliver 1: a laptop of the school (careless, outdated, or its files edited by
hand) publishes writes holding invalid values: a surname of ``12345``, a session dated
``"not-a-date"``, a trainee with no name. Today's trainee and session must stay in
``status`` with their last good values, later good writes still apply, and ``check`` names
each set-aside write with the laptop and the segment file it came from.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.domain.records import SessionKind
from trainer_tui.services import activity, enrolment
from trainer_tui.services import records as rec
from trainer_tui.services.status import status_json
from trainer_tui.services.syncing import check, describe_rejected, sync
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import Change

from .workspaces import open_workspace

CATALOGUE = load_catalogue(default_catalogue_dir())


def cohort_on(ws: Workspace) -> Cohort:
    return enrolment.create_cohort(
        ws,
        name="Promo test",
        campus="Chelles",
        start=dt.date(2026, 10, 5),
        end=dt.date(2027, 1, 15),
    )


def test_bad_writes_are_set_aside_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    good = open_workspace(tmp_path / "a", CATALOGUE, "opa", "testdev1")
    careless = open_workspace(tmp_path / "b", CATALOGUE, "opb", "testdev2")
    try:
        cohort = cohort_on(good)
        trainer = enrolment.add_trainer(good, name="Jean-Marc Dubois", initials="JMD")
        lea = enrolment.enrol_trainee(good, cohort, first_name="Léa", last_name="Durand")
        session = activity.record_session(
            good,
            cohort,
            date=dt.date(2026, 11, 20),
            start=dt.time(9),
            end=dt.time(12),
            kind=SessionKind.PRACTICAL,
            trainer=trainer,
            skill_ids=["SPL-01"],
        )
        sync(good, folder)
        sync(careless, folder)
        before = json.loads(status_json(good))

        careless.write(
            cohort.id,
            [
                Change(rec.TRAINEE, lea.id, {"last_name": 12345, "phone": "06 12 34 56 78"}),
                Change(rec.SESSION, session.id, {"date": "not-a-date"}),
                Change(rec.TRAINEE, "t-forged", {**rec.values_of(lea), "first_name": ""}),
            ],
        )
        careless.write(cohort.id, [Change(rec.TRAINEE, lea.id, {"email": "lea@example.fr"})])
        careless.close()  # sealed: the writes are in segment files of testdev2
        careless = open_workspace(tmp_path / "b", CATALOGUE, "opb2", "testdev2")
        sync(careless, folder)
        sync(good, folder)

        for ws in (good, careless):
            now = json.loads(status_json(ws))
            trainees = now["cohorts"][0]["trainees"]
            assert [(t["first_name"], t["last_name"]) for t in trainees] == [("Léa", "Durand")]
            assert trainees[0]["phone"] is None  # the whole bad write is left out
            assert trainees[0]["email"] == "lea@example.fr"  # the later good one applies
            sessions = now["cohorts"][0]["sessions"]
            assert sessions == before["cohorts"][0]["sessions"]

            outcome = check(ws)
            fields = sorted((w.entity_id, w.field) for w, _ in outcome.rejected)
            expected = [(session.id, "date"), (lea.id, "last_name"), ("t-forged", "first_name")]
            assert fields == sorted(expected), outcome.rejected
            for write, path in outcome.rejected:
                assert write.device == "testdev2"
                assert path is not None and path.parent.name == "testdev2", path
                assert path.is_relative_to(ws.replica.replica_dir)
            by_record = {w.entity_id: (w, path) for w, path in outcome.rejected}
            line = describe_rejected(ws, *by_record[lea.id])
            assert "stagiaire" in line and "12345" in line and "testdev2" in line, line
    finally:
        good.close()
        careless.close()


def test_a_clean_folder_has_nothing_set_aside(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "a", CATALOGUE)
    try:
        cohort = cohort_on(ws)
        enrolment.enrol_trainee(ws, cohort, first_name="Léa", last_name="Durand")
        assert check(ws).rejected == []
    finally:
        ws.close()


def test_an_edit_whose_record_has_not_arrived_is_not_blamed(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "a", CATALOGUE)
    try:
        cohort = cohort_on(ws)
        # A partial copy of the folder: an edit of a trainee created on another laptop.
        ws.write(cohort.id, [Change(rec.TRAINEE, "t-elsewhere", {"phone": "06 00 00 00 00"})])
        outcome = check(ws)
        assert outcome.rejected == []
        assert json.loads(status_json(ws))["cohorts"][0]["trainees"] == []
    finally:
        ws.close()
