"""Skill records for employers: what they say, their schema, their signatures, the QR code."""

from __future__ import annotations

import base64
import csv
import dataclasses
import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from jsonschema import Draft202012Validator

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.exports.csv_text import text_cell
from trainer_tui.exports.record_csv import render_record_csv
from trainer_tui.exports.record_pdf import render_record_pdf
from trainer_tui.exports.record_signing import (
    RecordError,
    check_record,
    key_id_of,
    pdf_summary,
    record_kind,
    sign_csv,
    sign_json,
    sign_pdf,
)
from trainer_tui.exports.signing import TrustedKey, public_key_of
from trainer_tui.exports.skill_record import SkillRecord, record_document, schema
from trainer_tui.i18n import set_language
from trainer_tui.services import progress_codes
from trainer_tui.services.skill_records import record_trainees, skill_record
from trainer_tui.services.trainee_file import load_trainee_file
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.identity import load_identity

KEY = bytes(range(1, 33))  # fixed: the same signatures every run
OTHER = bytes(range(2, 34))  # a key nobody trusts
TRUSTED = [TrustedKey(public_key_of(KEY), "École des métiers de la fibre — atelier")]


def give_key(data_dir: Path, private: bytes) -> None:
    """Make the laptop at ``data_dir`` sign with ``private`` (its device.json, rewritten)."""
    path = data_dir / "local" / "device.json"
    record = json.loads(path.read_bytes())
    record["key"] = base64.b64encode(private).decode()
    path.write_text(json.dumps(record), "utf-8")


def use_fixed_key(ws: Workspace) -> None:
    """Give the laptop the test key instead of a random one."""
    give_key(ws.replica.data_dir, KEY)
    replica = ws.replica
    replica.adopt(load_identity(replica.data_dir))


def measured_trainee(ws: Workspace) -> tuple[Cohort, Trainee]:
    """A demo trainee with at least one measured value among their current levels."""
    cohort = ws.cohorts()[0]
    for trainee in ws.cohort_records(cohort).trainees:
        file = load_trainee_file(ws, cohort, trainee.id)
        if any(line.current and line.current.measured_value is not None for line in file.skills):
            return cohort, trainee
    raise AssertionError("no demo trainee has a measured value")


@pytest.fixture
def record(demo_ws: Workspace) -> SkillRecord:
    use_fixed_key(demo_ws)
    cohort, trainee = measured_trainee(demo_ws)
    return skill_record(demo_ws, cohort, trainee)


def test_the_record_says_each_skills_level_date_assessor_and_measure(
    demo_ws: Workspace, record: SkillRecord
) -> None:
    cohort, trainee = measured_trainee(demo_ws)
    file = load_trainee_file(demo_ws, cohort, trainee.id)
    catalogue = demo_ws.catalogue
    assert (record.code, record.first_name, record.last_name) == (
        trainee.code,
        trainee.first_name,
        trainee.last_name,
    )
    assert record.training_minutes == file.training.done_minutes > 0
    assert record.driving_minutes == file.driving.done_minutes > 0
    assert record.programme.target_minutes == 400 * 60
    assert record.driving_target_minutes == 21 * 60
    assert record.total == sum(len(b.active_skills) for b in catalogue.blocks) == 100
    assert record.proficient == file.proficient
    trainers = {t.id: t.name for t in demo_ws.trainers()}
    skills = {skill.skill_id: skill for block in record.blocks for skill in block.skills}
    for line in file.skills:
        if line.skill.retired:
            continue
        shown = skills[line.skill.id]
        if line.current is None:
            assert (shown.level, shown.assessed_on, shown.assessor) == (0, None, "")
            assert shown.level_label == "Non évalué"
            continue
        assert shown.level == line.current.level
        assert shown.assessed_on == line.current.recorded_at.date()
        assert shown.assessor == trainers[line.current.trainer_id]
        assert shown.measured_value == line.current.measured_value
        if shown.measured_value is not None:
            assert shown.unit == line.skill.measurement.unit  # type: ignore[union-attr]
    assert any(s.measured_value is not None and s.unit for s in skills.values())


def test_the_json_document_follows_its_published_schema(
    demo_ws: Workspace, record: SkillRecord
) -> None:
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    Draft202012Validator.check_schema(schema())
    cohort = demo_ws.cohorts()[0]
    everyone = [skill_record(demo_ws, cohort, p) for p in record_trainees(demo_ws, cohort)]
    for records in ([record], everyone):
        document = json.loads(sign_json(record_document(records), KEY))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == []
        assert len(document["records"]) == len(records)
    document = json.loads(sign_json(record_document([record]), KEY))
    (mine,) = document["records"]
    assert mine["trainee"]["code"] == record.code
    assert mine["training_minutes"] == record.training_minutes
    measured = [
        skill
        for block in mine["blocks"]
        for skill in block["skills"]
        if skill["measurement"] is not None
    ]
    assert measured and all(skill["assessor"] and skill["assessed_on"] for skill in measured)
    assert document["proof"]["key_id"] == key_id_of(public_key_of(KEY))
    broken = {**document, "records": [{**mine, "training_minutes": -1}]}
    assert list(validator.iter_errors(broken))


def test_the_csv_opens_in_french_excel(record: SkillRecord) -> None:
    data = sign_csv(render_record_csv([record]), record.issued_on, KEY)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body, signature = rows[0], rows[1:-1], rows[-1]
    assert header[:4] == ["Code", "Nom", "Prénom", "Cohorte"]
    assert len(body) == record.total and all(row[0] == record.code for row in body)
    assert signature[0] == "signature" and signature[2] == record.issued_on.isoformat()
    measured = [row for row in body if row[13]]
    assert measured and all(row[14] and row[12] and row[11] for row in measured)
    hours = body[0][15]
    assert "," in hours and float(hours.replace(",", ".")) * 60 == pytest.approx(
        record.training_minutes, abs=1
    )
    acquired = [row for row in body if row[10] == "oui"]
    assert len(acquired) == record.proficient


def signed_pdf(record: SkillRecord, key: bytes = KEY) -> bytes:
    summary = pdf_summary(
        record.issued_on, record.programme.cohort, [(record.code, record.full_name)], "x@1"
    )
    return sign_pdf(render_record_pdf([record]), summary, key)


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_pdf_shows_the_record_and_its_qr_code_is_the_signed_progress_code(
    demo_ws: Workspace, record: SkillRecord
) -> None:
    data = signed_pdf(record)
    document = pdfium.PdfDocument(data)
    assert 2 <= len(document) <= 8
    image = document[0].render(scale=300 / 72).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    checked = progress_codes.check_code(demo_ws, found[0].text)
    assert checked.verdict.authentic and checked.verdict.payload.code == record.code
    assert checked.verdict.payload.training_minutes == record.training_minutes
    text = pdf_text(data)
    assert "Attestation de compétences" in text
    assert record.full_name in text and record.organisation.name in text
    assert "225 h sur 400 h" in text or "sur 400 h" in text
    for block in record.blocks:
        assert block.block_id in text
        for skill in block.skills:
            if skill.assessor:
                assert skill.assessor in text
    measured = next(s for b in record.blocks for s in b.skills if s.measured_value is not None)
    assert f"{measured.measured_value:g}".replace(".", ",") in text
    assert "Claire Martin, directrice" in text and "Fait à Saint-Denis" in text


def test_the_pdf_is_in_english_on_request(demo_ws: Workspace) -> None:
    use_fixed_key(demo_ws)
    set_language("en")
    cohort, trainee = measured_trainee(demo_ws)
    text = pdf_text(signed_pdf(skill_record(demo_ws, cohort, trainee)))
    assert "Skills attestation" in text and "Skills acquired" in text
    assert "Attestation de compétences" not in text


# -- signatures: authentic, altered, unknown key, for each format -----------------------------


def signed_files(record: SkillRecord, key: bytes = KEY) -> dict[str, bytes]:
    return {
        "pdf": signed_pdf(record, key),
        "csv": sign_csv(render_record_csv([record]), record.issued_on, key),
        "json": sign_json(record_document([record]), key),
    }


FORMATS = ("pdf", "csv", "json")


@pytest.mark.parametrize("kind", FORMATS)
def test_an_authentic_file_names_its_signer(record: SkillRecord, kind: str) -> None:
    data = signed_files(record)[kind]
    assert record_kind(data) == kind
    check = check_record(data, TRUSTED)
    assert check.authentic and check.signer == TRUSTED[0]
    assert check.issued_on == record.issued_on
    assert check.trainees == ((record.code, record.full_name),)
    assert check.cohort == record.programme.cohort


def altered(kind: str, data: bytes) -> bytes:
    """The file with one value changed, as a forger (or a careless edit) would."""
    if kind == "json":
        document = json.loads(data)
        skill = document["records"][0]["blocks"][0]["skills"][0]
        skill["level"] = 4 if skill["level"] != 4 else 3
        return json.dumps(document, ensure_ascii=False, indent=2).encode()
    if kind == "csv":
        text = data.decode("utf-8-sig")
        forged = text.replace(";1;Non acquis;non;", ";3;Acquis;oui;", 1)
        assert forged != text
        return b"\xef\xbb\xbf" + forged.encode()
    middle = len(data) // 2  # one byte inside the page content
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


@pytest.mark.parametrize("kind", FORMATS)
def test_one_changed_value_makes_the_file_altered(record: SkillRecord, kind: str) -> None:
    check = check_record(altered(kind, signed_files(record)[kind]), TRUSTED)
    assert not check.authentic and check.problem == "bad_signature" and check.signer is None


def signature_at(kind: str, data: bytes) -> int:
    """Where the signature's text ends in the file."""
    if kind == "json":
        return data.index(b'"', data.index(b'"signature": "') + 14)
    return len(data.rstrip())


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("back", [1, 20])
def test_a_changed_signature_or_key_id_is_caught(record: SkillRecord, kind: str, back: int) -> None:
    data = signed_files(record)[kind]
    # The last character holds spare bits a lax decoder ignores: it must count too.
    at = signature_at(kind, data) - back
    other = b"B" if data[at : at + 1] not in (b"B", b"b") else b"C"
    swapped = data[:at] + other + data[at + 1 :]
    try:
        assert not check_record(swapped, TRUSTED).authentic
    except RecordError as error:
        assert error.reason == "damaged"
    key_id = key_id_of(public_key_of(KEY)).encode()
    assert check_record(data.replace(key_id, b"00000000"), TRUSTED).problem == "unknown_key"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_file_signed_by_an_unknown_key_is_said_so(record: SkillRecord, kind: str) -> None:
    check = check_record(signed_files(record, OTHER)[kind], TRUSTED)
    assert check.problem == "unknown_key" and not check.authentic


def test_a_json_without_proof_or_broken_is_not_a_record(record: SkillRecord) -> None:
    document = json.loads(signed_files(record)["json"])
    del document["proof"]
    with pytest.raises(RecordError) as unsigned:
        check_record(json.dumps(document).encode(), TRUSTED)
    assert unsigned.value.reason == "not_record"
    with pytest.raises(RecordError) as cut:
        check_record(signed_files(record)["json"][:-40], TRUSTED)
    assert cut.value.reason == "damaged"
    with pytest.raises(RecordError):
        check_record(b'{"hello": "world"}', TRUSTED)


def test_an_unsigned_csv_or_pdf_is_not_a_record(record: SkillRecord) -> None:
    for data in (render_record_csv([record]), render_record_pdf([record])):
        with pytest.raises(RecordError) as error:
            check_record(data, TRUSTED)
        assert error.value.reason == "not_record"


def test_the_signed_pdf_still_opens_and_keeps_its_last_kilobyte_rule(record: SkillRecord) -> None:
    data = signed_pdf(record)
    assert b"%%EOF" in data[-1024:]  # readers look for it there
    assert len(pdfium.PdfDocument(data)) >= 2
    reformatted = json.dumps(json.loads(signed_files(record)["json"]), indent=4).encode()
    assert check_record(reformatted, TRUSTED).authentic  # JSON signs content, not layout


def test_the_schema_ships_inside_the_package() -> None:
    import trainer_tui.exports

    shipped = Path(trainer_tui.exports.__file__).with_name("record.schema.json")
    assert json.loads(shipped.read_text("utf-8")) == schema()


def test_an_erased_trainee_gets_no_record(demo_ws: Workspace) -> None:
    from trainer_tui.domain.errors import RuleViolation
    from trainer_tui.services.erasure import erase_trainee

    cohort = demo_ws.cohorts()[0]
    before = record_trainees(demo_ws, cohort)
    erase_trainee(demo_ws, cohort, before[1])
    after = record_trainees(demo_ws, cohort)
    assert [p.id for p in after] == [p.id for p in before if p.id != before[1].id]
    erased = next(p for p in demo_ws.cohort_records(cohort).trainees if p.id == before[1].id)
    with pytest.raises(RuleViolation) as refused:
        skill_record(demo_ws, cohort, erased)
    assert refused.value.code == "trainee_erased"


def test_a_cohorts_files_are_counted_as_they_are_made(demo_ws: Workspace, tmp_path: Path) -> None:
    from trainer_tui.services.skill_records import export_records

    use_fixed_key(demo_ws)
    cohort = demo_ws.cohorts()[0]
    trainees = record_trainees(demo_ws, cohort)[:3]
    told: list[tuple[int, int]] = []
    folder = export_records(
        demo_ws, cohort, trainees, "badge", tmp_path, progress=lambda *n: told.append(n)
    )
    assert told == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{p.code}.badge.jwt" for p in trainees
    )


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(record: SkillRecord) -> None:
    """OWASP CSV injection: a spreadsheet must not run what a trainee's name says."""
    hostile = dataclasses.replace(record, last_name='=HYPERLINK("http://x","y")')
    text = render_record_csv([hostile]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {row[1] for row in rows[1:]} == {"'" + hostile.last_name}
    assert text_cell("-3 dB") == "'-3 dB" and text_cell("Inès") == "Inès"
