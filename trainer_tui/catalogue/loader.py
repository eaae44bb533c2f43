"""Load ``skills/`` (``catalogue.toml`` plus ``blocks/*.toml``) into a validated Catalogue.

Every problem is reported as a :class:`CatalogueError` naming the file, and where it can, the
TOML line, the skill id and the field. The loader never returns a half-valid catalogue.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_core import PydanticCustomError

from trainer_tui.catalogue.errors import CatalogueError, from_validation_error, line_of_skill
from trainer_tui.domain.catalogue import (
    Block,
    Catalogue,
    CatalogueId,
    CatalogueVersion,
    Quantity,
    RatingScale,
    check_measurement,
)
from trainer_tui.domain.text import DomainModel, LocalizedText
from trainer_tui.tomlcache import parse_toml

HEADER_FILE = "catalogue.toml"
BLOCKS_DIR = "blocks"

#: Which field a measurement error points at, by error code.
_MEASUREMENT_FIELDS = {
    "unknown_quantity": "measurement.quantity",
    "unit_mismatch": "measurement.unit",
    "bound_outside_physical": "measurement.min",
    "level_outside_scale": "measurement.levels",
}


class CatalogueHeader(DomainModel):
    """What ``catalogue.toml`` holds: identity, scale and measurable quantities."""

    id: CatalogueId
    version: CatalogueVersion
    title: LocalizedText
    scale: RatingScale
    quantities: dict[str, Quantity] = Field(default_factory=dict)


def default_catalogue_dir() -> Path:
    """The catalogue shipped with the app.

    A wheel carries it inside the package (``_bundled_skills``); a source checkout or an
    editable install reads the repository's ``skills/`` folder, so edits show at once.
    """
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_bundled_skills"
    return bundled if bundled.is_dir() else package.parent / "skills"


def _read_toml(file: Path) -> tuple[dict[str, Any], str]:
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError:
        raise CatalogueError(file, "file_missing", {}, "file not found") from None
    except UnicodeDecodeError as error:
        raise CatalogueError(
            file, "not_utf8", {"position": error.start}, "not UTF-8 text"
        ) from None
    except OSError as error:
        raise CatalogueError(
            file, "unreadable", {"reason": error.strerror or str(error)}, "cannot be read"
        ) from None
    if not text.strip():
        raise CatalogueError(file, "empty_file", {}, "the file is empty")
    try:
        return parse_toml(text), text
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's TOMLDecodeError only carries the position inside its message.
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        line = int(match.group(1)) if match else None
        raise CatalogueError(
            file, "toml_syntax", {"reason": reason}, f"invalid TOML: {reason}", line=line
        ) from None


def _validate_block(file: Path) -> tuple[Block, str]:
    raw, text = _read_toml(file)
    try:
        return Block.model_validate(raw), text
    except ValidationError as error:
        raise from_validation_error(file, error, raw, text) from None


def load_catalogue(path: Path) -> Catalogue:
    """Load and validate the catalogue in folder ``path`` (or from its ``catalogue.toml``)."""
    folder = path.parent if path.is_file() else path
    header_file = folder / HEADER_FILE
    raw, text = _read_toml(header_file)
    try:
        header = CatalogueHeader.model_validate(raw)
    except ValidationError as error:
        raise from_validation_error(header_file, error, raw, text) from None

    block_files = sorted((folder / BLOCKS_DIR).glob("*.toml"))
    if not block_files:
        raise CatalogueError(folder / BLOCKS_DIR, "no_blocks", {}, "no block file (*.toml)")
    blocks: list[Block] = []
    skill_files: dict[str, Path] = {}
    block_files_by_id: dict[str, Path] = {}
    for file in block_files:
        block, text = _validate_block(file)
        if block.id in block_files_by_id:
            raise CatalogueError(
                file,
                "duplicate_block",
                {"id": block.id, "other": block_files_by_id[block.id]},
                f"block {block.id} is also defined in another file",
                field="id",
            )
        block_files_by_id[block.id] = file
        for skill in block.skills:
            if skill.id in skill_files:
                raise CatalogueError(
                    file,
                    "duplicate_id",
                    {"id": skill.id, "other": skill_files[skill.id]},
                    f"skill id {skill.id} is also used in another file",
                    skill_id=skill.id,
                    field="id",
                    line=line_of_skill(text, skill.id),
                )
            skill_files[skill.id] = file
            try:
                check_measurement(skill, header.quantities, header.scale)
            except PydanticCustomError as error:
                raise CatalogueError(
                    file,
                    error.type,
                    error.context or {},
                    error.message(),
                    skill_id=skill.id,
                    field=_MEASUREMENT_FIELDS.get(error.type, "measurement"),
                    line=line_of_skill(text, skill.id),
                ) from None
        blocks.append(block)

    for block in blocks:
        for skill in block.skills:
            for related in skill.related:
                if related not in skill_files:
                    raise CatalogueError(
                        skill_files[skill.id],
                        "unknown_related",
                        {"id": skill.id, "related": related},
                        f"unknown related skill {related}",
                        skill_id=skill.id,
                        field="related",
                    )

    blocks.sort(key=lambda block: (block.order, block.id))
    # Every cross-file rule was checked above with its location, so this is a safety net.
    try:
        return Catalogue(
            id=header.id,
            version=header.version,
            title=header.title,
            scale=header.scale,
            quantities=header.quantities,
            blocks=tuple(blocks),
        )
    except ValidationError as error:
        raise from_validation_error(header_file, error, raw, text) from None
