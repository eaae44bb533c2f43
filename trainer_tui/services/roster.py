"""Import a roster CSV as French Excel writes it, all or nothing.

Excel writes ``;`` in France and ``,`` elsewhere, UTF-8 with or without a BOM, or Windows-1252
("CSV (séparateur : point-virgule)"); headers come in French or English, in any order and case,
with or without accents. :func:`read_roster` turns such a file into a preview: the rows that
would be enrolled and every bad row with its line number in the file and a translatable code
(message key ``roster.problem.<code>``). :func:`import_roster` stores the rows in one durable
write, or nothing at all if any row is bad.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Email, Phone, Trainee, TraineeCode
from trainer_tui.domain.text import MAX_NAME_LENGTH, character_name, deceptive_character
from trainer_tui.services import records as rec
from trainer_tui.services.enrolment import new_trainee_code
from trainer_tui.services.errors import build
from trainer_tui.services.workspace import Workspace

#: The headers each field goes by, folded (lower case, no accents, punctuation as spaces).
ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("nom", "nom de famille", "last name", "lastname", "surname", "family name"),
    "first_name": ("prenom", "first name", "firstname", "given name", "forename"),
    "code": ("code", "code stagiaire", "trainee code", "identifiant"),
    "email": (
        *("email", "e mail", "courriel", "mail", "adresse e mail", "adresse email"),
        *("adresse mail", "email address", "e mail address"),
    ),
    "phone": (
        *("telephone", "tel", "portable", "mobile", "phone", "gsm", "n de telephone"),
        *("numero de telephone", "telephone portable", "phone number", "mobile phone"),
    ),
}
HEADERS: dict[str, str] = {alias: name for name, names in ALIASES.items() for alias in names}
REQUIRED = ("last_name", "first_name")
DELIMITERS = (";", ",", "\t")
#: Non-blank rows searched for the header (a title line above it is tolerated).
HEADER_SEARCH = 5
#: The domain's own rules for the optional fields, checked one by one to list every problem.
_CHECKS: dict[str, TypeAdapter[str]] = {
    "code": TypeAdapter(TraineeCode),
    "email": TypeAdapter(Email),
    "phone": TypeAdapter(Phone),
}


class RosterError(RuleViolation):
    """The file as a whole cannot be imported (message key ``roster.error.<code>``)."""

    def __init__(self, code: str, fallback: str, /, **params: Any) -> None:
        super().__init__(code, "file", fallback, **params)


class RosterRefused(RosterError):
    """``import_roster`` found bad rows: nothing was stored."""

    def __init__(self, problems: Sequence[RosterProblem]) -> None:
        super().__init__("refused", "{count} bad row(s): nothing imported", count=len(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """A trainee to enrol, as read from line ``line`` of the file."""

    line: int
    first_name: str
    last_name: str
    code: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def full_name(self) -> str:
        """First name then last name."""
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """What is wrong on one line (message key ``roster.problem.<code>``, filled by params)."""

    line: int
    code: str
    field: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RosterPreview:
    """What an import would do: the good rows, and every problem found."""

    rows: tuple[RosterRow, ...]
    problems: tuple[RosterProblem, ...]
    #: Column headers not recognised, left out of the import.
    ignored: tuple[str, ...] = ()
    delimiter: str = ";"
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        """Whether the file can be imported as it is."""
        return not self.problems and bool(self.rows)

    @property
    def bad_lines(self) -> list[int]:
        """The line numbers of the bad rows, in file order."""
        return sorted({problem.line for problem in self.problems})


def fold(text: str) -> str:
    """``"Prénom "`` -> ``"prenom"``: lower case, accents dropped, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _header_field(cell: str) -> str | None:
    return HEADERS.get(" ".join(re.sub(r"[^a-z0-9]+", " ", fold(cell)).split()))


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding: UTF-8 (BOM or not), UTF-16, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise RosterError(
            "encoding", "unknown text encoding (byte {position})", position=error.start
        ) from None


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line number where each starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        cleaned = [_clean(cell) for cell in cells]
        if any(cleaned):
            yield start, cleaned


def _clean(cell: str) -> str:
    """Trim a cell, undoing Excel's ``="0612345678"`` trick that keeps leading zeros."""
    value = " ".join(cell.split())
    if value.startswith('="') and value.endswith('"'):
        value = value[2:-1].strip()
    return value


def _find_header(text: str, delimiter: str) -> tuple[int, dict[str, int], list[str]] | None:
    """The header's line, its recognised columns (field -> index) and the ignored ones."""
    for count, (line, cells) in enumerate(_records(text, delimiter)):
        if count >= HEADER_SEARCH:
            return None
        columns: dict[str, int] = {}
        ignored: list[str] = []
        for index, cell in enumerate(cells):
            name = _header_field(cell)
            if name is None or name in columns:
                if cell:
                    ignored.append(cell)
            else:
                columns[name] = index
        if all(name in columns for name in REQUIRED):
            return line, columns, ignored
    return None


def _fix_phone(phone: str) -> str:
    """Put back the leading 0 Excel drops from French numbers kept as numbers."""
    return "0" + phone if re.fullmatch(r"[1-9][0-9]{8}", phone) else phone


def _parse_row(
    line: int, cells: list[str], columns: dict[str, int]
) -> tuple[RosterRow, list[RosterProblem]]:
    """A row's values and the problems with each of them taken alone."""
    got = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
    code = got.get("code", "").upper() or None
    email = got.get("email") or None
    phone = _fix_phone(got["phone"]) if got.get("phone") else None
    row = RosterRow(line, got["first_name"], got["last_name"], code, email, phone)
    problems = [RosterProblem(line, f"missing_{name}", name) for name in REQUIRED if not got[name]]
    for name in REQUIRED:
        if got[name]:
            problems += _name_problems(line, name, got[name])
    for name, value in (("code", code), ("email", email), ("phone", phone)):
        try:
            if value is not None:
                _CHECKS[name].validate_python(value)
        except ValidationError:
            problems.append(RosterProblem(line, f"invalid_{name}", name, {"value": value}))
    return row, problems


def _name_problems(line: int, field: str, value: str) -> list[RosterProblem]:
    """A name too long, or holding a character that deceives (the domain's ``Name`` rules)."""
    if len(value) > MAX_NAME_LENGTH:
        return [RosterProblem(line, f"{field}_too_long", field, {"max": MAX_NAME_LENGTH})]
    found = deceptive_character(value)
    if found is None:
        return []
    params = {"character": character_name(found[1]), "position": found[0] + 1}
    return [RosterProblem(line, f"{field}_deceptive", field, params)]


def check_rows(rows: Sequence[RosterRow], existing: Sequence[Trainee]) -> list[RosterProblem]:
    """Duplicates within the file and against the trainees already in the cohort."""
    problems: list[RosterProblem] = []
    codes = {trainee.code: trainee for trainee in existing}
    names = {fold(trainee.full_name): trainee for trainee in existing}
    code_lines: dict[str, int] = {}
    name_lines: dict[str, int] = {}
    params: dict[str, Any]
    for row in rows:
        name = fold(row.full_name)
        if row.code in codes:
            other = codes[row.code]
            params = {"code": row.code, "name": other.full_name}
            problems.append(RosterProblem(row.line, "code_taken", "code", params))
        elif row.code in code_lines:
            params = {"code": row.code, "other": code_lines[row.code]}
            problems.append(RosterProblem(row.line, "duplicate_code", "code", params))
        if name in names:
            params = {"name": row.full_name, "code": names[name].code}
            problems.append(RosterProblem(row.line, "already_enrolled", "last_name", params))
        elif name in name_lines:
            params = {"name": row.full_name, "other": name_lines[name]}
            problems.append(RosterProblem(row.line, "duplicate_name", "last_name", params))
        if row.code:
            code_lines.setdefault(row.code, row.line)
        if row.first_name and row.last_name:
            name_lines.setdefault(name, row.line)
    return problems


def read_roster(path: Path, existing: Sequence[Trainee] = ()) -> RosterPreview:
    """Read a roster file; ``existing`` are the cohort's trainees, to catch duplicates.

    Raises :class:`RosterError` when the file cannot be read, is empty, has no header naming
    at least the last and first names, or has a header but no trainee.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise RosterError("not_found", "no file {path}", path=str(path)) from None
    except IsADirectoryError:
        raise RosterError("folder", "{path} is a folder", path=str(path)) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise RosterError(
            "unreadable", "cannot read {path}: {reason}", path=str(path), reason=reason
        ) from None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise RosterError("spreadsheet", "{path} is a spreadsheet, not a CSV file", path=str(path))
    text, encoding = decode(data)
    if "\0" in text:
        # No spreadsheet writes a NUL into a CSV: a binary file, or one damaged on the way.
        line = text.count("\n", 0, text.index("\0")) + 1
        raise RosterError("nul_byte", "{path}, line {line}: NUL byte", path=str(path), line=line)
    if not text.strip():
        raise RosterError("empty", "the file {path} is empty", path=str(path))
    found = {d: _find_header(text, d) for d in DELIMITERS}
    # The delimiter that recognises the most columns (";" first, as French Excel writes).
    delimiter = max(DELIMITERS, key=lambda d: len(header[1]) if (header := found[d]) else -1)
    header = found[delimiter]
    if header is None:
        first = next(line for line in text.splitlines() if line.strip())
        first = "".join(c if c.isprintable() else " " for c in first).strip()[:60]
        raise RosterError(
            "no_header", "no header naming the last and first names: {first}", first=first
        )
    header_line, columns, ignored = header
    parsed = [
        _parse_row(line, cells, columns)
        for line, cells in _records(text, delimiter)
        if line > header_line
    ]
    if not parsed:
        raise RosterError("no_rows", "the file lists no trainee")
    problems = [problem for _, found_here in parsed for problem in found_here]
    problems += check_rows([row for row, _ in parsed], existing)
    bad = {problem.line for problem in problems}
    return RosterPreview(
        rows=tuple(row for row, _ in parsed if row.line not in bad),
        problems=tuple(sorted(problems, key=lambda p: p.line)),
        ignored=tuple(ignored),
        delimiter=delimiter,
        encoding=encoding,
    )


def list_trainees(ws: Workspace, cohort: Cohort) -> list[Trainee]:
    """The cohort's trainees by name (without loading its sessions and assessments)."""
    found = ws.records(cohort.id, rec.TRAINEE, Trainee)
    return sorted(found, key=lambda t: (t.last_name.casefold(), t.first_name.casefold(), t.id))


def preview_roster(ws: Workspace, cohort: Cohort, path: Path) -> RosterPreview:
    """Read a roster file for ``cohort``, checked against its enrolled trainees."""
    return read_roster(path, list_trainees(ws, cohort))


def import_roster(ws: Workspace, cohort: Cohort, preview: RosterPreview) -> list[Trainee]:
    """Enrol every row of ``preview`` in one durable write, or nothing if any row is bad.

    The rows are checked again against the cohort as it is now (another laptop may have
    synced trainees in since the preview). Missing codes are generated, unique in the batch.
    """
    existing = list_trainees(ws, cohort)
    problems = list(preview.problems) or check_rows(preview.rows, existing)
    if problems:
        raise RosterRefused(problems)
    if not preview.rows:
        raise RosterError("no_rows", "the file lists no trainee")
    taken = {trainee.code for trainee in existing} | {r.code for r in preview.rows if r.code}
    trainees = []
    for row in preview.rows:
        code = row.code
        while code is None or (code in taken and row.code is None):
            code = new_trainee_code(ws, cohort)
        taken.add(code)
        trainees.append(
            build(
                Trainee,
                id=ws.new_id("t"),
                cohort_id=cohort.id,
                first_name=row.first_name,
                last_name=row.last_name,
                code=code,
                email=row.email,
                phone=row.phone,
            )
        )
    ws.save(cohort.id, *trainees)
    return trainees
