"""Use cases around the skills catalogue: check it, show it, export it as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_tui.catalogue import load_catalogue
from trainer_tui.domain.catalogue import Catalogue


@dataclass(frozen=True, slots=True)
class CatalogueSummary:
    """Counts that tell a trainer the catalogue loaded as expected."""

    id: str
    version: str
    blocks: int
    skills: int
    retired: int
    measured: int


def open_catalogue(folder: Path) -> Catalogue:
    """Load and validate the catalogue in ``folder``; raises ``CatalogueError`` if broken."""
    return load_catalogue(folder)


def summarize(catalogue: Catalogue) -> CatalogueSummary:
    """Count blocks, active and retired skills, and skills with a measurement."""
    skills = catalogue.skills
    return CatalogueSummary(
        id=catalogue.id,
        version=catalogue.version,
        blocks=len(catalogue.blocks),
        skills=sum(1 for skill in skills if not skill.retired),
        retired=sum(1 for skill in skills if skill.retired),
        measured=sum(1 for skill in skills if skill.measurement is not None),
    )


def catalogue_as_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The whole catalogue as plain JSON-ready data, in catalogue order."""
    return catalogue.model_dump(mode="json")


def catalogue_as_json(catalogue: Catalogue) -> str:
    """The whole catalogue as indented JSON (UTF-8 characters kept readable)."""
    return json.dumps(catalogue_as_dict(catalogue), ensure_ascii=False, indent=2)
