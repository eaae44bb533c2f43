"""Shared fixtures: the real catalogue, a writable copy of it, and a clean language state."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workspaces import copy_template, open_workspace
from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.i18n import set_language
from trainer_tui.services.demo_service import load_demo
from trainer_tui.services.workspace import Workspace
from trainer_tui.tomlcache import CACHE_ENV

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


@pytest.fixture(autouse=True, scope="session")
def _own_toml_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests keep their parsed-TOML cache to themselves, not in the user's cache folder."""
    folder = tmp_path_factory.mktemp("toml-cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(autouse=True)
def _french_by_default() -> Iterator[None]:
    """Every test starts in French, the default language, whatever the one before did."""
    set_language("fr")
    yield
    set_language("fr")


@pytest.fixture(scope="session")
def ui_catalogue() -> Catalogue:
    return load_catalogue(default_catalogue_dir())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, ui_catalogue: Catalogue) -> Path:
    """A data folder holding the demo cohort, built once per test session."""
    folder = tmp_path_factory.mktemp("demo-template") / "data"
    ws = open_workspace(folder, ui_catalogue, op_prefix="tpl")
    load_demo(ws)
    ws.close()
    return folder


@pytest.fixture
def demo_ws(tmp_path: Path, demo_template: Path, ui_catalogue: Catalogue) -> Iterator[Workspace]:
    """A fresh copy of the demo data folder, opened."""
    folder = tmp_path / "data"
    copy_template(demo_template, folder)
    ws = open_workspace(folder, ui_catalogue)
    yield ws
    ws.close()


@pytest.fixture
def empty_ws(tmp_path: Path, ui_catalogue: Catalogue) -> Iterator[Workspace]:
    """An empty data folder, opened."""
    ws = open_workspace(tmp_path / "empty", ui_catalogue)
    yield ws
    ws.close()
