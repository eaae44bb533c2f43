"""Roster CSV import: the files French Excel writes, bad rows by line number, all or nothing."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.services import enrolment
from trainer_tui.services.roster import (
    RosterError,
    RosterRefused,
    decode,
    fold,
    import_roster,
    preview_roster,
    read_roster,
)
from trainer_tui.services.workspace import Workspace

DATA = Path(__file__).parent / "data" / "roster"


@pytest.fixture
def ws(tmp_path: Path, catalogue: Catalogue) -> Iterator[Workspace]:
    ids = itertools.count(1)
    workspace = Workspace.open(
        tmp_path / "data",
        catalogue,
        clock=lambda: dt.datetime(2026, 11, 26, 10, 30),
        new_id=lambda: f"{next(ids):06d}",
        device_id="testdev1",
    )
    yield workspace
    workspace.close()


@pytest.fixture
def cohort(ws: Workspace) -> Cohort:
    return enrolment.create_cohort(
        ws,
        name="Promo novembre",
        campus="Saint-Denis",
        start=dt.date(2026, 11, 2),
        end=dt.date(2027, 2, 5),
    )


def write(tmp_path: Path, data: bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_bom_and_semicolons(tmp_path: Path) -> None:
    text = "Nom;Prénom;E-mail;Téléphone\r\nDupont;Élodie;elodie@example.fr;06 12 34 56 78\r\n"
    preview = read_roster(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert preview.ok and preview.delimiter == ";" and preview.encoding == "utf-8"
    (row,) = preview.rows
    assert (row.line, row.last_name, row.first_name) == (2, "Dupont", "Élodie")
    assert (row.email, row.phone, row.code) == ("elodie@example.fr", "06 12 34 56 78", None)


def test_utf8_without_bom_commas_and_english_headers_in_any_order(tmp_path: Path) -> None:
    text = (
        "EMAIL,Given name,Surname,Mobile,Code\n"
        "ana@example.com,Ana,Lopez,+33 6 11 22 33 44,SD26A01\n"
        '"bob@example.com","Bob ","  Martin",,\n'
    )
    preview = read_roster(write(tmp_path, text.encode("utf-8")))
    assert preview.ok and preview.delimiter == ","
    assert [(r.first_name, r.last_name, r.code, r.phone) for r in preview.rows] == [
        ("Ana", "Lopez", "SD26A01", "+33 6 11 22 33 44"),
        ("Bob", "Martin", None, None),
    ]


def test_windows_1252_with_accents_and_headers_without_accents(tmp_path: Path) -> None:
    text = "PRENOM;NOM;Courriel;Tel\r\nFrançois;Lefèvre;;0612345678\r\nZoé;Nguyễn;;\r\n"
    data = text.replace("ễ", "e").encode("cp1252")
    preview = read_roster(write(tmp_path, data))
    assert preview.encoding == "cp1252"
    assert [(r.first_name, r.last_name) for r in preview.rows] == [
        ("François", "Lefèvre"),
        ("Zoé", "Nguyen"),
    ]


def test_blank_lines_and_empty_excel_rows_are_skipped_but_lines_still_count(
    tmp_path: Path,
) -> None:
    text = "\nNom;Prénom\n\nDurand;Paul\n;;\n   \nMartin;\n"
    preview = read_roster(write(tmp_path, text.encode()))
    assert [(r.line, r.last_name) for r in preview.rows] == [(4, "Durand")]
    assert [(p.line, p.code) for p in preview.problems] == [(7, "missing_first_name")]


def test_excel_dropped_zero_and_formula_trick_are_undone(tmp_path: Path) -> None:
    text = 'Nom;Prénom;Portable\nA;B;612345678\nC;D;="0712345678"\n'
    preview = read_roster(write(tmp_path, text.encode()))
    assert [r.phone for r in preview.rows] == ["0612345678", "0712345678"]


def test_a_title_line_above_the_header_and_unknown_columns_are_tolerated(tmp_path: Path) -> None:
    text = "Liste des stagiaires;;\nNom;Prénom;Date de naissance\nDurand;Paul;01/02/2000\n"
    preview = read_roster(write(tmp_path, text.encode()))
    assert [(r.line, r.last_name) for r in preview.rows] == [(3, "Durand")]
    assert preview.ignored == ("Date de naissance",)


def test_bad_rows_are_listed_with_their_line_numbers(tmp_path: Path) -> None:
    text = (
        "Nom;Prénom;Code;E-mail;Téléphone\n"  # line 1
        "Durand;Paul;;paul@example.fr;\n"  # 2: good
        ";Lina;;;\n"  # 3: no last name
        "\n"  # 4: blank
        "Roux;Marc;;marc@;abc\n"  # 5: bad email and phone
        'Petit;"Anne\nMarie";ab;;\n'  # 6-7: quoted newline, bad code
        "Blanc;Léa;SD26XYZ;;\n"  # 8: good
        "Noir;Luc;sd26xyz;;\n"  # 9: duplicate code (case-insensitive)
        "DURAND;paul;;;\n"  # 10: same person as line 2
    )
    preview = read_roster(write(tmp_path, text.encode()))
    found = [(p.line, p.code) for p in preview.problems]
    assert found == [
        (3, "missing_last_name"),
        (5, "invalid_email"),
        (5, "invalid_phone"),
        (6, "invalid_code"),
        (9, "duplicate_code"),
        (10, "duplicate_name"),
    ]
    assert preview.bad_lines == [3, 5, 6, 9, 10]
    assert dict(preview.problems[4].params) == {"code": "SD26XYZ", "other": 8}
    assert [r.line for r in preview.rows] == [2, 8]
    assert not preview.ok


def test_rows_clashing_with_the_cohort_are_bad(
    tmp_path: Path, ws: Workspace, cohort: Cohort
) -> None:
    enrolment.enrol_trainee(ws, cohort, first_name="Élodie", last_name="Dupont", code="SD26AAA")
    text = "Nom;Prénom;Code\nDUPONT;Elodie;\nMartin;Bob;SD26AAA\nLeroy;Eva;\n"
    preview = preview_roster(ws, cohort, write(tmp_path, text.encode()))
    assert [(p.line, p.code) for p in preview.problems] == [
        (2, "already_enrolled"),
        (3, "code_taken"),
    ]
    with pytest.raises(RosterRefused):
        import_roster(ws, cohort, preview)
    assert len(ws.cohort_records(cohort).trainees) == 1


def test_one_bad_row_means_nothing_is_stored(tmp_path: Path, ws: Workspace, cohort: Cohort) -> None:
    text = "Nom;Prénom;E-mail\nDurand;Paul;\nRoux;Marc;pas-un-mail\nBlanc;Léa;\n"
    preview = preview_roster(ws, cohort, write(tmp_path, text.encode()))
    with pytest.raises(RosterRefused) as refused:
        import_roster(ws, cohort, preview)
    assert refused.value.code == "refused" and refused.value.params == {"count": 1}
    assert ws.cohort_records(cohort).trainees == []


def test_good_file_is_stored_in_one_write_with_unique_codes(
    tmp_path: Path, ws: Workspace, cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrolment.enrol_trainee(ws, cohort, first_name="Old", last_name="Timer", code="SD26OLD")
    text = "Nom;Prénom;Code\n" + "".join(f"Nom{i};Prénom{i};\n" for i in range(5))
    text += "Fixe;Code;SD26FIX\n"
    preview = preview_roster(ws, cohort, write(tmp_path, text.encode()))
    # A stubbed generator that repeats itself, as random codes may: codes must stay unique.
    codes = iter(["SD26OLD", "SD26FIX", "SD26AAA", "SD26AAA", "SD26BBB", "SD26C", "SD26D", "SD26E"])
    monkeypatch.setattr("trainer_tui.services.roster.new_trainee_code", lambda *_: next(codes))
    writes: list[int] = []
    original = ws.save
    monkeypatch.setattr(ws, "save", lambda part, *r: writes.append(len(r)) or original(part, *r))
    trainees = import_roster(ws, cohort, preview)
    assert writes == [6]  # one durable write for the whole file
    assert [t.code for t in trainees] == [
        "SD26AAA",
        "SD26BBB",
        "SD26C",
        "SD26D",
        "SD26E",
        "SD26FIX",
    ]
    stored = ws.cohort_records(cohort).trainees
    assert len(stored) == 7 and len({t.code for t in stored}) == 7


def test_no_header_empty_and_missing_files_give_one_clear_error(tmp_path: Path) -> None:
    cases = {
        "no_header": write(tmp_path, b"Durand;Paul\nMartin;Bob\n", "a.csv"),
        "empty": write(tmp_path, b"\xef\xbb\xbf \r\n\r\n", "b.csv"),
        "no_rows": write(tmp_path, "Nom;Prénom\n\n".encode(), "c.csv"),
        "not_found": tmp_path / "missing.csv",
        "folder": tmp_path,
        "spreadsheet": write(tmp_path, b"PK\x03\x04\x14\x00binary", "d.xlsx"),
    }
    for code, path in cases.items():
        with pytest.raises(RosterError) as error:
            read_roster(path)
        assert error.value.code == code


def test_the_sample_files_read_as_expected() -> None:
    assert read_roster(DATA / "good_fr_excel.csv").ok
    bad = read_roster(DATA / "bad_rows.csv")
    assert bad.bad_lines == [3, 5, 6]


def test_decode_and_fold() -> None:
    assert decode("é".encode("cp1252")) == ("é", "cp1252")
    assert decode("\ufeffé".encode()) == ("é", "utf-8")
    assert decode("é".encode("utf-16")) == ("é", "utf-16")
    assert fold("  Prénom  Usuel ") == "prenom usuel"


def test_every_problem_and_error_has_a_message_in_both_languages(
    tmp_path: Path, ws: Workspace, cohort: Cohort
) -> None:
    from trainer_tui.i18n import messages

    enrolment.enrol_trainee(ws, cohort, first_name="Ana", last_name="Lopez", code="SD26AAA")
    text = (
        "Nom;Prénom;Code;E-mail;Tel\n;;x;y@;z\nLopez;Ana;SD26AAA;;\nA;B;SD26BBB;;\nC;D;SD26BBB;;\n"
        "A;B;;;\n"
    )
    preview = preview_roster(ws, cohort, write(tmp_path, text.encode()))
    codes = {p.code for p in preview.problems}
    assert codes == {
        *("missing_first_name", "missing_last_name", "invalid_code", "invalid_email"),
        *("invalid_phone", "code_taken", "already_enrolled", "duplicate_code", "duplicate_name"),
    }
    errors = {"unreadable": {"path": "x", "reason": "y"}, "encoding": {"position": 3}}
    errors |= {"not_found": {"path": "x"}, "folder": {"path": "x"}}
    errors |= {"empty": {"path": "x"}, "no_header": {"first": "x"}, "no_rows": {}}
    errors |= {"refused": {"count": 2}, "spreadsheet": {"path": "x"}}
    for language in ("fr", "en"):
        catalogue = messages(language)
        for problem in preview.problems:
            assert catalogue[f"roster.problem.{problem.code}"].format(**problem.params)
        for code, params in errors.items():
            assert catalogue[f"roster.error.{code}"].format(**params)
