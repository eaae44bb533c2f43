"""A trainee's skill record for employers, and its JSON form (schema: ``record.schema.json``).

The services gather one :class:`SkillRecord` per trainee; the renderers draw it as a PDF
attestation (:mod:`trainer_tui.exports.record_pdf`), a CSV file for French Excel
(:mod:`trainer_tui.exports.record_csv`) or the JSON document built here. Every text is
already in the document's language; how each file is signed is in
:mod:`trainer_tui.exports.record_signing`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from trainer_tui.exports.documents import Organisation, Programme

#: The ``format`` member of the JSON document, and the name every signed file carries.
FORMAT = "trainer-tui/skill-records"
#: Raised when the document's shape changes in a way readers must know.
VERSION = 1
SCHEMA_FILE = "record.schema.json"


@dataclass(frozen=True, slots=True)
class RecordSkill:
    """One skill of the catalogue and where the trainee stands on it."""

    skill_id: str
    title: str
    level: int
    level_label: str
    proficient: bool
    #: The day of the assessment that set the level; ``None`` when never assessed.
    assessed_on: dt.date | None = None
    #: Who gave that assessment (the trainer's name); empty when never assessed.
    assessor: str = ""
    #: The value measured at that assessment, when the skill has a measurement.
    measured_value: float | None = None
    #: The measurement's unit (``dB``, ``dBm``...); empty when the skill has none.
    unit: str = ""


@dataclass(frozen=True, slots=True)
class RecordBlock:
    """A block of the catalogue: its skills and how many are acquired."""

    block_id: str
    title: str
    proficient: int
    total: int
    skills: tuple[RecordSkill, ...]


@dataclass(frozen=True, slots=True)
class SkillRecord:
    """What a trainee's record for employers says, in one language."""

    organisation: Organisation
    programme: Programme
    catalogue_id: str
    catalogue_version: str
    code: str
    first_name: str
    last_name: str
    #: ``active``, ``left`` or ``completed``.
    status: str
    left_on: dt.date | None
    issued_on: dt.date
    language: str
    training_minutes: int
    driving_minutes: int
    driving_target_minutes: int
    #: The scale: (level, label), lowest first, and the first proficient level.
    scale: tuple[tuple[int, str], ...]
    proficient_from: int
    blocks: tuple[RecordBlock, ...]
    #: What the attestation's QR code holds: the trainee's signed progress code (or the
    #: viewer link ending with it).
    qr_content: str = ""
    #: Where the attestation is signed ("Fait à …") and who signs it; empty when not set.
    place: str = ""
    signatory: str = ""

    @property
    def full_name(self) -> str:
        """First name then last name, as printed."""
        return f"{self.first_name} {self.last_name}"

    @property
    def proficient(self) -> int:
        """Skills at a proficient level, every block together."""
        return sum(block.proficient for block in self.blocks)

    @property
    def total(self) -> int:
        """Skills in the record."""
        return sum(block.total for block in self.blocks)


def _number(value: float) -> int | float:
    """A measured value as JSON writes it: whole numbers without ``.0``."""
    return int(value) if float(value).is_integer() else value


def _skill(skill: RecordSkill) -> dict[str, Any]:
    measurement = None
    if skill.measured_value is not None:
        measurement = {"value": _number(skill.measured_value), "unit": skill.unit}
    return {
        "id": skill.skill_id,
        "title": skill.title,
        "level": skill.level,
        "level_label": skill.level_label,
        "proficient": skill.proficient,
        "assessed_on": skill.assessed_on.isoformat() if skill.assessed_on else None,
        "assessor": skill.assessor or None,
        "measurement": measurement,
    }


def _record(record: SkillRecord) -> dict[str, Any]:
    return {
        "trainee": {
            "code": record.code,
            "first_name": record.first_name,
            "last_name": record.last_name,
            "status": record.status,
            "left_on": record.left_on.isoformat() if record.left_on else None,
        },
        "training_minutes": record.training_minutes,
        "driving_minutes": record.driving_minutes,
        "proficient": record.proficient,
        "total": record.total,
        "blocks": [
            {
                "id": block.block_id,
                "title": block.title,
                "proficient": block.proficient,
                "total": block.total,
                "skills": [_skill(skill) for skill in block.skills],
            }
            for block in record.blocks
        ],
    }


def record_document(records: Sequence[SkillRecord]) -> dict[str, Any]:
    """The JSON document (unsigned) of ``records``: one trainee or a whole cohort.

    What the records share (organisation, programme, scale) is written once at the top.
    """
    if not records:
        raise ValueError("no record to write")
    first = records[0]
    organisation, programme = first.organisation, first.programme
    return {
        "format": FORMAT,
        "version": VERSION,
        "language": first.language,
        "issued_on": first.issued_on.isoformat(),
        "organisation": {
            "name": organisation.name,
            "campus": organisation.campus,
            "address": organisation.address,
            "declaration_number": organisation.declaration_number,
        },
        "programme": {
            "title": programme.title,
            "catalogue_id": first.catalogue_id,
            "catalogue_version": first.catalogue_version,
            "cohort": programme.cohort,
            "start": programme.start.isoformat(),
            "end": programme.end.isoformat(),
            "training_target_minutes": programme.target_minutes,
            "driving_target_minutes": first.driving_target_minutes,
        },
        "scale": {
            "proficient_from": first.proficient_from,
            "levels": [{"level": level, "label": label} for level, label in first.scale],
        },
        "records": [_record(record) for record in records],
    }


def canonical_json(document: dict[str, Any]) -> bytes:
    """The bytes a JSON signature covers: sorted keys, no spaces, UTF-8 (no ASCII escapes).

    For this document's values (ASCII keys, integers, short decimals, text) this is the JSON
    Canonicalization Scheme's output (RFC 8785), so other languages can check it too.
    """
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document, shipped beside this module."""
    text = resources.files("trainer_tui.exports").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
