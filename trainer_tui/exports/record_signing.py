"""Ed25519 signatures of skill-record files (PDF, CSV, JSON), and checking them.

Each format carries the signature of this laptop's key over its own content, with the key id
of :class:`~trainer_tui.exports.signing.TrustedKey` (8 hexadecimal digits):

- **JSON**: a last member ``proof`` (``key_id``, ``signature``) signs the canonical form of
  the document without ``proof`` (:func:`~trainer_tui.exports.skill_record.canonical_json`),
  so re-indenting the file keeps it valid and changing any value does not.
- **CSV**: a last line ``signature;<key id>;<issue date>;<signature>`` signs every byte of the
  file before the signature itself (byte-order mark, header, rows, and the line's start).
- **PDF**: two comment lines after ``%%EOF``, which PDF readers ignore:
  ``%trainer-tui-record <base64url JSON summary>`` then
  ``%trainer-tui-signature <key id> <signature>``; the signature covers every byte before it.

Signatures are base64url without padding. Nothing here knows where keys are kept.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trainer_tui.exports.progress_code import short_digest
from trainer_tui.exports.signing import TrustedKey, public_key_of
from trainer_tui.exports.skill_record import FORMAT, VERSION, canonical_json

RecordKind = Literal["pdf", "csv", "json"]
CSV_MARKER = b"signature;"
PDF_SUMMARY = b"%trainer-tui-record "
PDF_SIGNATURE = b"%trainer-tui-signature "
BOM = b"\xef\xbb\xbf"


class RecordError(ValueError):
    """A file that is not a signed record, or no longer reads as one.

    :attr:`reason` is ``not_record`` or ``damaged`` (the key of the message to show).
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """A record file read back: who signed it, what is wrong, and what it is about."""

    kind: RecordKind
    #: The trusted key whose signature holds, else ``None``.
    signer: TrustedKey | None
    #: ``unknown_key`` or ``bad_signature``; empty when authentic.
    problem: str
    issued_on: dt.date | None
    cohort: str = ""
    #: The trainees the file is about: (code, name).
    trainees: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def authentic(self) -> bool:
        """Signed by a trusted key, and not a byte changed since."""
        return self.signer is not None and not self.problem


def key_id_of(public_key: bytes) -> str:
    """The key id written in record files: 8 hexadecimal digits."""
    return short_digest(public_key).hex()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str | bytes) -> bytes:
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    try:
        data = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
    except (binascii.Error, ValueError) as error:
        raise RecordError("damaged", f"not base64url: {error}") from None
    # Decoders ignore the spare bits of the last character: a changed last character could
    # decode to the same bytes. Only the one canonical spelling is accepted.
    if _b64(data).encode("ascii") != raw:
        raise RecordError("damaged", "not canonical base64url")
    return data


def _signature(data: bytes, private_key: bytes) -> str:
    return _b64(Ed25519PrivateKey.from_private_bytes(private_key).sign(data))


def _check(
    key_id: str, signed: bytes, signature: bytes, trusted: list[TrustedKey]
) -> tuple[TrustedKey | None, str]:
    """The trusted key whose signature holds; else why not (unknown key, bad signature)."""
    candidates = [key for key in trusted if key.key_id.hex() == key_id.strip().lower()]
    if not candidates:
        return None, "unknown_key"
    for key in candidates:
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, signed)
        except InvalidSignature:
            continue
        return key, ""
    return None, "bad_signature"


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


# -- JSON ------------------------------------------------------------------------------------


def sign_json(document: dict[str, Any], private_key: bytes) -> bytes:
    """The document with its ``proof``, as an indented UTF-8 file."""
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    proof = {
        "type": "Ed25519Signature",
        "canonicalization": "sorted-keys-compact-utf8",
        "key_id": key_id_of(public_key_of(private_key)),
        "signature": _signature(canonical_json(unsigned), private_key),
    }
    text = json.dumps({**unsigned, "proof": proof}, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members; a key given twice makes the file unreadable.

    Readers disagree on which of two equal keys counts (the first, the last): a record whose
    signature holds for one reading could say something else to another.
    """
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("duplicate key")
    return document


def check_json(data: bytes, trusted: list[TrustedKey]) -> RecordCheck:
    """Verify a record JSON file (a key given twice in an object: damaged)."""
    damaged = RecordError("damaged" if FORMAT.encode() in data else "not_record")
    try:
        document = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):  # RecursionError: nested thousands of levels deep
        raise damaged from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RecordError("not_record")
    proof = document.pop("proof", None)
    try:
        canonical = canonical_json(document)
    except (ValueError, RecursionError):  # NaN, a lone surrogate: no signer wrote that
        raise damaged from None
    if not isinstance(proof, dict) or not isinstance(proof.get("signature"), str):
        raise RecordError("not_record", "no proof")
    signer, problem = _check(
        str(proof.get("key_id", "")), canonical, _unb64(proof["signature"]), trusted
    )
    records = document.get("records")
    trainees = []
    for record in records if isinstance(records, list) else []:
        who = record.get("trainee", {}) if isinstance(record, dict) else {}
        if isinstance(who, dict):
            name = f"{who.get('first_name', '')} {who.get('last_name', '')}".strip()
            trainees.append((str(who.get("code", "")), name))
    programme = document.get("programme")
    cohort = programme.get("cohort", "") if isinstance(programme, dict) else ""
    return RecordCheck(
        "json", signer, problem, _date(document.get("issued_on")), str(cohort), tuple(trainees)
    )


# -- CSV and PDF: a signature over every byte before it ---------------------------------------


def _last_line(data: bytes, marker: bytes) -> tuple[int, bytes]:
    """Where the last line starts, and the line, if it starts with ``marker``."""
    body = data.rstrip(b"\r\n ")
    start = body.rfind(b"\n") + 1
    line = body[start:]
    if not line.startswith(marker):
        raise RecordError("not_record", "no signature line")
    return start, line.rstrip(b"\r")


def _signed_part(data: bytes, marker: bytes, separator: bytes) -> tuple[bytes, list[str], bytes]:
    """``(signed bytes, fields of the signature line, signature)``.

    The signature is the line's last field; it signs everything before it in the file.
    """
    start, line = _last_line(data, marker)
    cut = line.rfind(separator)
    if cut < len(marker):
        raise RecordError("damaged", "signature line cut short")
    fields = line[len(marker) : cut].decode("ascii", "replace").split(separator.decode())
    return data[: start + cut + 1], fields, _unb64(line[cut + 1 :])


def sign_csv(content: bytes, issued_on: dt.date, private_key: bytes) -> bytes:
    """``content`` (a CSV file ending with a line break) and its signature line."""
    key_id = key_id_of(public_key_of(private_key))
    head = content + CSV_MARKER + f"{key_id};{issued_on.isoformat()};".encode("ascii")
    return head + _signature(head, private_key).encode("ascii") + b"\r\n"


def check_csv(data: bytes, trusted: list[TrustedKey]) -> RecordCheck:
    """Verify a record CSV file (French Excel dialect: ``;``, UTF-8 with BOM)."""
    signed, fields, signature = _signed_part(data, CSV_MARKER, b";")
    if len(fields) != 2:
        raise RecordError("damaged", "signature line has the wrong number of fields")
    key_id, issued = fields
    signer, problem = _check(key_id, signed, signature, trusted)
    try:
        rows = list(csv.reader(io.StringIO(signed.decode("utf-8-sig")), delimiter=";"))
    except (UnicodeDecodeError, csv.Error):
        rows = []
    trainees: dict[str, str] = {}
    cohorts = set()
    # Columns: code, last name, first name, cohort, ... (see record_csv.COLUMNS).
    for row in rows[1:-1]:
        if len(row) > 3:
            trainees.setdefault(row[0], f"{row[2]} {row[1]}")
            cohorts.add(row[3])
    return RecordCheck(
        "csv",
        signer,
        problem,
        _date(issued),
        ", ".join(sorted(cohorts)),
        tuple(trainees.items()),
    )


def sign_pdf(content: bytes, summary: dict[str, Any], private_key: bytes) -> bytes:
    """The PDF with its summary and signature lines after ``%%EOF``."""
    key_id = key_id_of(public_key_of(private_key))
    compact = json.dumps(summary, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body = content if content.endswith(b"\n") else content + b"\n"
    head = (
        body
        + PDF_SUMMARY
        + _b64(compact.encode("utf-8")).encode("ascii")
        + b"\n"
        + PDF_SIGNATURE
        + key_id.encode("ascii")
        + b" "
    )
    return head + _signature(head, private_key).encode("ascii") + b"\n"


def pdf_summary(
    issued_on: dt.date, cohort: str, trainees: list[tuple[str, str]], catalogue: str
) -> dict[str, Any]:
    """What a record PDF says about itself, for ``verify``.

    Kept short: PDF readers look for ``%%EOF`` in the file's last kilobyte.
    """
    return {
        "format": FORMAT,
        "version": VERSION,
        "issued_on": issued_on.isoformat(),
        "cohort": cohort,
        "catalogue": catalogue,
        "trainees": [[code, name] for code, name in trainees],
    }


def check_pdf(data: bytes, trusted: list[TrustedKey]) -> RecordCheck:
    """Verify a record PDF."""
    signed, fields, signature = _signed_part(data, PDF_SIGNATURE, b" ")
    if len(fields) != 1:
        raise RecordError("damaged", "signature line has the wrong number of fields")
    signer, problem = _check(fields[0], signed, signature, trusted)
    try:
        _, line = _last_line(signed[: signed.rfind(b"\n")], PDF_SUMMARY)
        summary = json.loads(_unb64(line[len(PDF_SUMMARY) :]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):  # RecordError included: what it says is lost
        summary = {}
    if not isinstance(summary, dict):
        summary = {}
    if problem == "" and summary.get("format") != FORMAT:
        raise RecordError("not_record", "signed, but not a skill record")
    listed = summary.get("trainees")
    trainees = tuple(
        (str(entry[0]), str(entry[1]))
        for entry in (listed if isinstance(listed, list) else [])
        if isinstance(entry, list) and len(entry) == 2
    )
    return RecordCheck(
        "pdf",
        signer,
        problem,
        _date(summary.get("issued_on")),
        str(summary.get("cohort", "")),
        trainees,
    )


def record_kind(data: bytes) -> RecordKind | None:
    """Which record format ``data`` looks like; ``None`` for one line of text (a code, a badge)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    text = data.removeprefix(BOM).strip()
    if text.startswith(b"{"):
        return "json"
    if b"\n" in text:
        return "csv"
    return None


def check_record(data: bytes, trusted: list[TrustedKey]) -> RecordCheck:
    """Verify a record file of any format; :class:`RecordError` when it is not one."""
    kind = record_kind(data)
    if kind == "pdf":
        return check_pdf(data, trusted)
    if kind == "json":
        return check_json(data, trusted)
    if kind == "csv":
        return check_csv(data, trusted)
    raise RecordError("not_record")
