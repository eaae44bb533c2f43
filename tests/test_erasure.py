"""A trainee's erasure (GDPR art. 17): gone from every laptop and sync folder, hours kept."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.cli_helpers import cli_on
from tests.workspaces import copy_template, open_workspace
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee, TraineeStatus
from trainer_tui.services import activity, enrolment, syncing
from trainer_tui.services.erasure import anonymous_code, erase_trainee
from trainer_tui.services.trainee_file import load_trainee_file
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.screens.sync import report_lines

PHONE = "06 11 22 33 44"
NOTE = "Travail soigné de {name}, à féliciter"


def _laptop(root: Path, name: str, catalogue: Catalogue, opening: int = 0) -> Workspace:
    return open_workspace(
        root / name, catalogue, op_prefix=f"{name}{opening}-", device_id=f"laptop{name}"
    )


def _identity(trainee: Trainee) -> list[bytes]:
    """Every way the trainee's identity could appear in a file."""
    texts = [trainee.first_name, trainee.last_name, trainee.code, PHONE]
    texts += [trainee.email] if trainee.email else []
    found = []
    for text in texts:
        found.append(text.encode("utf-8"))
        found.append(text.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00"))
    return found


def _files_naming(folders: list[Path], trainee: Trainee) -> list[str]:
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                hits += [f"{path}: {t!r}" for t in _identity(trainee) if t in data]
    return hits


def _find(ws: Workspace, trainee_id: str) -> tuple[Cohort, Trainee]:
    return ws.find_trainee(trainee_id)


def _state(ws: Workspace, cohort: Cohort) -> tuple[object, ...]:
    records = ws.cohort_records(cohort)
    return (records.trainees, records.assessments, records.attendances, records.lessons)


@pytest.fixture
def laptops(
    tmp_path: Path, demo_template: Path, ui_catalogue: Catalogue
) -> Iterator[tuple[list[Workspace], Path]]:
    """Laptop A holds the demo; B and C got it through the sync folder."""
    copy_template(demo_template, tmp_path / "a")
    folder = tmp_path / "usb"
    folder.mkdir()
    opened = [_laptop(tmp_path, name, ui_catalogue) for name in "abc"]
    for ws in opened:
        syncing.sync(ws, folder)
    yield opened, folder
    for ws in opened:
        ws.close()


def test_erasure_reaches_every_laptop_and_the_sync_folder(
    laptops: tuple[list[Workspace], Path], tmp_path: Path
) -> None:
    (a, b, c), usb = laptops
    cohort = a.cohorts()[0]
    trainee = a.cohort_records(cohort).trainees[0]
    trainee = enrolment.edit_trainee(a, cohort, trainee, email="ines.b@example.fr")
    hours_before = load_trainee_file(a, cohort, trainee.id).training.done_minutes
    syncing.sync(a, usb)
    # B writes a note naming the trainee and voids an assessment with a reason naming them.
    syncing.sync(b, usb)
    _, on_b = _find(b, trainee.id)
    trainer = b.trainers()[0]
    skill = b.catalogue.blocks[0].active_skills[0].id
    note = NOTE.format(name=trainee.first_name)
    noted = activity.rate(b, cohort, on_b, skill, 3, trainer=trainer, note=note)
    activity.void(b, noted.id, f"erreur : c'était {trainee.last_name}")
    activity.rate(b, cohort, on_b, skill, 3, trainer=trainer, note=note)
    syncing.sync(b, usb)
    syncing.sync(a, usb)
    # C edits the trainee's phone without having seen the erasure (it syncs last).
    syncing.sync(c, usb)
    enrolment.edit_trainee(c, cohort, _find(c, trainee.id)[1], phone=PHONE)
    assert _files_naming([tmp_path / "a"], trainee), "the test must look for what is there"
    stale_stick = tmp_path / "old-stick"
    shutil.copytree(usb, stale_stick)

    outcome = erase_trainee(a, cohort, _find(a, trainee.id)[1])
    assert outcome.files_rewritten >= 1
    reports = [syncing.sync(ws, usb) for ws in (a, b, c, a, b)]  # then A, B get C's edit
    on_b = reports[1]
    assert on_b.report.erased_partitions == [cohort.id]
    assert "Effacement RGPD appliqué" in "\n".join(report_lines(on_b))

    assert _files_naming([tmp_path / n for n in "abc"] + [usb], trainee) == []
    for ws in (a, b, c):
        _, erased = _find(ws, trainee.id)
        assert (erased.first_name, erased.last_name) == ("Stagiaire", "Anonyme")
        assert erased.code == anonymous_code(trainee.id) and erased.phone is None
        assert erased.erased_on is not None
        file = load_trainee_file(ws, cohort, trainee.id)
        assert file.training.done_minutes == hours_before  # the hours are kept
        assert all(line.note == "" for line in file.history if hasattr(line, "note"))
        assert ws.partition(cohort.id).clashes == set()
    assert _state(a, cohort) == _state(b, cohort) == _state(c, cohort)

    # A stale copy of the folder, made before the erasure, is cleaned when synced again.
    assert _files_naming([stale_stick], trainee)
    report = syncing.sync(a, stale_stick).report
    assert report.superseded_removed >= 1
    assert _files_naming([stale_stick, tmp_path / "a"], trainee) == []


def test_an_interrupted_erasure_is_finished_when_the_cohort_is_next_opened(
    tmp_path: Path, demo_template: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    copy_template(demo_template, data)
    ws = open_workspace(data, ui_catalogue, op_prefix="first")
    cohort = ws.cohorts()[0]
    trainee = ws.cohort_records(cohort).trainees[1]
    # The erasure op is written, then the laptop dies before rewriting the files.
    with monkeypatch.context() as patch:
        patch.setattr(type(ws.replica), "apply_erasures", lambda self, partition: 0)
        erase_trainee(ws, cohort, trainee)
        ws.close()
    assert _files_naming([data], trainee)
    ws = open_workspace(data, ui_catalogue, op_prefix="again")
    try:
        assert ws.find_trainee(trainee.id)[1].last_name == "Anonyme"
        assert _files_naming([data], trainee) == []
    finally:
        ws.close()


def test_nothing_new_is_recorded_about_an_erased_trainee(demo_ws: Workspace) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    erase_trainee(demo_ws, cohort, trainee)
    _, erased = demo_ws.find_trainee(trainee.id)
    trainer = demo_ws.trainers()[0]
    before = len(demo_ws.partition(cohort.id))
    for attempt in (
        lambda: enrolment.edit_trainee(demo_ws, cohort, erased, first_name="Inès"),
        lambda: erase_trainee(demo_ws, cohort, erased),
        lambda: activity.rate(demo_ws, cohort, erased, "SEC-01", 3, trainer=trainer, note="x"),
    ):
        with pytest.raises(RuleViolation):
            attempt()
    assert len(demo_ws.partition(cohort.id)) == before  # nothing was written
    # Sessions no longer list them; their past hours still count.
    records = demo_ws.cohort_records(cohort)
    present = activity.present_trainees(records.trainees, demo_ws.today())
    active = [p for p in records.trainees if p.status is TraineeStatus.ACTIVE]
    assert erased.id not in {p.id for p in present} and len(present) == len(active) - 1


def test_erase_from_the_command_line_asks_for_confirmation(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    data = demo_ws.replica.data_dir
    cli = cli_on(demo_ws, capsys, monkeypatch)
    refused = cli("trainee", "erase", trainee.code)
    assert refused.code == 1 and "--yes" in refused.err
    assert trainee.last_name in refused.out  # says who would be erased
    assert _files_naming([data], trainee)  # nothing done
    done = cli("trainee", "erase", trainee.code, "--yes")
    assert done.code == 0 and anonymous_code(trainee.id) in done.out
    assert _files_naming([data], trainee) == []
    again = cli("trainee", "erase", anonymous_code(trainee.id), "--yes")
    assert again.code == 1 and "Traceback" not in again.err
    listing = cli.ok("trainee", "list")
    assert "ANONYME Stagiaire" in listing and trainee.last_name.upper() not in listing


def test_no_document_is_made_for_an_erased_trainee(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    erase_trainee(demo_ws, cohort, trainee)
    code = anonymous_code(trainee.id)
    cli = cli_on(demo_ws, capsys, monkeypatch)
    for command in (
        ("export", "certificate", "--cohort", cohort.name, "--trainee", code),
        ("export", "driving-log", "--cohort", cohort.name, "--trainee", code),
        ("export", "record", "--trainee", code, "--format", "badge"),
        ("export", "record", "--trainee", code, "--format", "pdf"),
        ("sheets", "--trainee", code),
    ):
        alone = cli(*command)
        assert alone.code == 1 and "effacé" in alone.err, command
        assert "Traceback" not in alone.err
    everyone = cli.ok("sheets", "--cohort", cohort.name, "-o", str(cli.data.parent / "s.pdf"))
    assert "s.pdf" in everyone
    pages = len(pdfium.PdfDocument(cli.data.parent / "s.pdf"))
    assert pages == len(demo_ws.cohort_records(cohort).trainees) - 1  # one sheet each, but theirs


def test_erasure_reaches_files_set_aside_in_quarantine(
    laptops: tuple[list[Workspace], Path], tmp_path: Path
) -> None:
    (a, _b, _c), usb = laptops
    cohort = a.cohorts()[0]
    trainee = a.cohort_records(cohort).trainees[0]
    # One of A's segments naming the trainee gets a byte changed (a failing disk): the
    # integrity check sets it aside, in quarantine, where it still names the trainee.
    naming = [
        path
        for path in sorted((a.replica.replica_dir / cohort.id).rglob("*.json"))
        if trainee.last_name.encode() in path.read_bytes()
    ]
    damaged = bytearray(naming[0].read_bytes())
    damaged[-40] ^= 0x01
    naming[0].write_bytes(bytes(damaged))
    assert syncing.check(a).report.set_aside
    quarantine = a.replica.quarantine_dir
    assert _files_naming([quarantine], trainee), "the test must look for what is there"

    erase_trainee(a, cohort, _find(a, trainee.id)[1])
    assert _files_naming([quarantine], trainee) == []
    notes = sorted(quarantine.glob("*.why.json"))
    assert notes and all(b'"erased": true' in note.read_bytes() for note in notes)
    syncing.sync(a, usb)  # the damaged segment comes back from the folder, redacted
    assert _files_naming([tmp_path / "a", usb], trainee) == []
