"""Paperwork from the records: sheets, summary, payroll CSV, driving log, certificate.

The services decide what each document says; these tests compare it with the records (and
with hand-computed hours in test_hours.py). The PDFs' own layout is tested in test_pdf_*.py;
here the written files are read back: the CSV with Python's csv module in Excel's French
dialect, the PDFs with a text extractor.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.cli_helpers import cli_on
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.hours import hours_by_week, total_hours
from trainer_tui.domain.people import Cohort
from trainer_tui.i18n import set_language
from trainer_tui.services import exporting, paperwork, preferences
from trainer_tui.services.dashboard import Alert, build_dashboard
from trainer_tui.services.settings import save_setting
from trainer_tui.services.workspace import Workspace


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path.read_bytes())
    return "\n".join(page.get_textpage().get_text_range() for page in document)


@pytest.fixture
def cohort(demo_ws: Workspace) -> Cohort:
    return demo_ws.cohorts()[0]


def _a_day_with_marks(ws: Workspace, cohort: Cohort) -> dt.date:
    records = ws.cohort_records(cohort)
    marked = {m.session_id for m in records.attendances}
    return max(s.date for s in records.sessions if s.id in marked)


def test_a_day_sheet_has_every_enrolled_trainee_with_their_mark(
    demo_ws: Workspace, cohort: Cohort
) -> None:
    day = _a_day_with_marks(demo_ws, cohort)
    sheets = paperwork.half_day_sheets(demo_ws, cohort, paperwork.sessions_on(demo_ws, cohort, day))
    records = demo_ws.cohort_records(cohort)
    assert sheets and all(sheet.date == day for sheet in sheets)
    for sheet in sheets:
        session = next(s for s in records.sessions if s.date == day and s.start == sheet.start)
        marks = {m.trainee_id: m for m in records.attendances if m.session_id == session.id}
        by_code = {line.code: line for line in sheet.lines}
        for trainee in records.trainees:
            if trainee.id in marks:
                assert by_code[trainee.code].status == marks[trainee.id].status.value
        assert sheet.trainer and sheet.subject.startswith(("Pratique", "Français", "Math", "S"))
        assert sheet.organisation.name.startswith("École des métiers de la fibre")


def test_a_sheet_printed_before_the_session_has_blank_lines(
    demo_ws: Workspace, cohort: Cohort
) -> None:
    from trainer_tui.domain.records import SessionKind
    from trainer_tui.services import activity

    session = activity.record_session(
        demo_ws,
        cohort,
        date=demo_ws.today(),
        start=dt.time(13, 30),
        end=dt.time(17, 0),
        kind=SessionKind.PRACTICAL,
        trainer=demo_ws.trainers()[0],
        skill_ids=("SPL-01",),
    )
    (sheet,) = paperwork.half_day_sheets(demo_ws, cohort, [session])
    assert sheet.half_day == "afternoon"
    assert "SPL-01" in sheet.subject
    active = [t for t in demo_ws.cohort_records(cohort).trainees if t.left_on is None]
    assert len(sheet.lines) == len(active)
    assert all(line.status is None for line in sheet.lines)


def test_no_session_that_day_is_a_clear_error(demo_ws: Workspace, cohort: Cohort) -> None:
    with pytest.raises(RuleViolation) as error:
        paperwork.sessions_on(demo_ws, cohort, dt.date(2026, 12, 25))
    assert error.value.code == "no_session_that_day"


def test_week_sheet_and_summary_agree_with_the_hours(demo_ws: Workspace, cohort: Cohort) -> None:
    day = _a_day_with_marks(demo_ws, cohort)
    week = paperwork.week_sheet(demo_ws, cohort, day)
    assert week.monday.weekday() == 0 and week.monday <= day
    assert all(len(line.statuses) == len(week.slots) for line in week.lines)
    assert [s.date for s in week.slots] == sorted(s.date for s in week.slots)

    summary = paperwork.attendance_summary(demo_ws, cohort)
    records = demo_ws.cohort_records(cohort)
    sessions = {s.id: s for s in records.sessions}
    for trainee, line in zip(records.trainees, summary.lines, strict=True):
        total = total_hours(hours_by_week(trainee.id, sessions, records.attendances))
        assert (line.code, line.attended_minutes, line.scheduled_minutes) == (
            trainee.code,
            total.attended,
            total.scheduled,
        )
    left = [line for line in summary.lines if line.left_on is not None]
    assert len(left) == 1  # the demo's trainee who left


def test_payroll_csv_opens_in_french_excel_dialect(
    demo_ws: Workspace, cohort: Cohort, tmp_path: Path
) -> None:
    path = exporting.export_payroll(demo_ws, cohort, tmp_path)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Code", "Nom", "Prénom"] and "Heures suivies" in header
    records = demo_ws.cohort_records(cohort)
    sessions = {s.id: s for s in records.sessions}
    expected = sum(
        len(hours_by_week(t.id, sessions, records.attendances)) for t in records.trainees
    )
    assert len(body) == expected
    first = records.trainees[0]
    weeks = hours_by_week(first.id, sessions, records.attendances)
    mine = [row for row in body if row[0] == first.code]
    attended = [float(row[header.index("Heures suivies")].replace(",", ".")) for row in mine]
    assert attended == [round(w.attended / 60, 2) for w in weeks.values()]
    assert all("," in row[header.index("Heures prévues")] for row in mine)  # decimal comma
    assert data.count(b"\r\n") == len(rows)


def test_driving_log_and_certificate(demo_ws: Workspace, cohort: Cohort, tmp_path: Path) -> None:
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    log = paperwork.driving_log(demo_ws, cohort, trainee)
    dates = [(lesson.date, lesson.start) for lesson in log.lessons]
    assert dates == sorted(dates) and log.lessons
    assert log.target_minutes == 21 * 60
    assert any(" " in competency for lesson in log.lessons for competency in lesson.competencies)

    certificate = paperwork.certificate(demo_ws, cohort, trainee)
    summary = {line.code: line for line in paperwork.attendance_summary(demo_ws, cohort).lines}
    assert certificate.attended_minutes == summary[trainee.code].attended_minutes
    assert certificate.first_day <= certificate.last_day <= demo_ws.today()
    assert certificate.signatory and certificate.place and certificate.employer

    path = exporting.export_trainee_documents(demo_ws, cohort, "certificate", [trainee], tmp_path)
    text = pdf_text(path)
    assert trainee.last_name in text and certificate.signatory in text
    path = exporting.export_trainee_documents(demo_ws, cohort, "driving", [trainee], tmp_path)
    assert trainee.code in pdf_text(path)


def test_documents_need_the_organisation_and_certificates_a_signatory(
    demo_ws: Workspace, cohort: Cohort
) -> None:
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    preferences.set_paperwork(demo_ws, "signatory", "")
    with pytest.raises(RuleViolation) as error:
        paperwork.certificate(demo_ws, cohort, trainee)
    assert (error.value.code, error.value.field) == ("paperwork_missing", "signatory")
    with pytest.raises(RuleViolation) as error:
        preferences.set_paperwork(demo_ws, "organisation", "  ")
    assert (error.value.code, error.value.field) == ("organisation_required", "organisation")
    save_setting(demo_ws, preferences.PAPERWORK, {})  # a laptop where it was never set
    with pytest.raises(RuleViolation) as error:
        paperwork.attendance_summary(demo_ws, cohort)
    assert error.value.field == "organisation"


def test_settings_are_checked_and_the_threshold_drives_the_alert(
    demo_ws: Workspace, cohort: Cohort
) -> None:
    with pytest.raises(RuleViolation):
        preferences.set_paperwork(demo_ws, "colour", "blue")
    with pytest.raises(RuleViolation):
        preferences.set_paperwork(demo_ws, "place", "x" * 201)
    with pytest.raises(RuleViolation):
        preferences.set_absence_threshold(demo_ws, 0)

    def flagged() -> int:
        rows = build_dashboard(demo_ws, cohort).rows
        return sum(Alert.ABSENCES in row.alerts for row in rows)

    assert flagged() >= 1
    preferences.set_absence_threshold(demo_ws, 99)
    assert preferences.absence_threshold(demo_ws) == 0.99
    assert flagged() == 0


def test_export_and_settings_from_the_command_line(
    demo_ws: Workspace,
    cohort: Cohort,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = demo_ws.cohort_records(cohort).trainees[0].code
    cli = cli_on(demo_ws, capsys, monkeypatch)
    monkeypatch.chdir(tmp_path)
    day = "2026-11-25"
    out = cli.ok("export", "sheet", "--cohort", cohort.name, "--date", day)
    written = Path(out.split(": ", 1)[1].strip())
    assert written.parent == tmp_path and written.suffix == ".pdf"
    assert "Feuille" in pdf_text(written) or "émargement" in pdf_text(written).lower()
    cli.ok("export", "week", "--cohort", cohort.name, "--date", day, "--out", "w.pdf")
    cli.ok("export", "summary", "--cohort", cohort.name, "--out", "s.pdf")
    cli.ok("export", "payroll", "--cohort", cohort.name, "--out", "p.csv")
    assert {p.name for p in tmp_path.iterdir()} >= {"w.pdf", "s.pdf", "p.csv"}

    bad = cli("settings", "set", "absence_threshold", "150")
    assert bad.code == 1 and bad.err.count("\n") == 1 and "150" in bad.err
    cli.ok("settings", "set", "signatory", "Awa Traoré, directrice")
    assert "Awa Traoré" in cli.ok("settings", "show")
    listing = cli.ok("driving", "list", code)
    assert code in listing and "21" in listing

    set_language("en")
    out = cli.ok("--lang", "en", "export", "certificate", "--cohort", cohort.name)
    assert "completion-certificates" in out
