"""The right of access: everything stored about one trainee, voided records included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import cli_on
from trainer_tui.services import activity
from trainer_tui.services.trainee_data import trainee_data
from trainer_tui.services.workspace import Workspace


def test_every_record_about_the_trainee_and_nothing_about_others(demo_ws: Workspace) -> None:
    cohort = demo_ws.cohorts()[0]
    records = demo_ws.cohort_records(cohort)
    trainee, other = records.trainees[0], records.trainees[1]
    mine = [a for a in records.assessments if a.trainee_id == trainee.id]
    activity.void(demo_ws, mine[0].id, "erreur de saisie")

    data = trainee_data(demo_ws, cohort, trainee)
    assert data["trainee"]["last_name"] == trainee.last_name
    assert len(data["assessments"]) == len(mine)  # the voided one is still there...
    voided = [a for a in data["assessments"] if a.get("deleted")]
    assert [a["id"] for a in voided] == [mine[0].id]  # ...marked, with its reason
    assert voided[0]["void_reason"] == "erreur de saisie"
    marks = [m for m in records.attendances if m.trainee_id == trainee.id]
    assert len(data["attendance"]) == len(marks)
    lessons = [d for d in records.lessons if d.trainee_id == trainee.id]
    assert len(data["driving_lessons"]) == len(lessons)
    assert other.id not in json.dumps(data)
    assert set(data["trainers"]) >= {a["trainer_id"] for a in data["assessments"]}


def test_export_data_from_the_command_line(
    demo_ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    cli = cli_on(demo_ws, capsys, monkeypatch)
    printed = json.loads(cli.ok("trainee", "export-data", trainee.code))
    assert (
        printed["format"] == "trainer-tui/trainee-data"
        and printed["trainee"]["code"] == trainee.code
    )
    target = tmp_path / "data.json"
    cli.ok("trainee", "export-data", trainee.code, "-o", str(target))
    assert json.loads(target.read_text("utf-8")) == printed
    unknown = cli("trainee", "export-data", "NOBODY1")
    assert unknown.code == 1 and unknown.err.count("\n") == 1
