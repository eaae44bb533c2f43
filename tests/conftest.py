"""Shared fixtures: the real catalogue, a writable copy of it, and a clean language state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.i18n import set_language

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real FTTH catalogue shipped in skills/."""
    return load_catalogue(default_catalogue_dir())


@pytest.fixture
def skills_copy(tmp_path: Path) -> Path:
    """A writable copy of skills/ that a test may break."""
    target = tmp_path / "skills"
    shutil.copytree(REPO / "skills", target)
    return target


@pytest.fixture(autouse=True)
def _french_by_default() -> Iterator[None]:
    """Every test starts in French, the default language, whatever the one before did."""
    set_language("fr")
    yield
    set_language("fr")
