"""Fixtures for Pilot and snapshot tests: a demo data folder, a frozen clock, the app."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.services.demo_service import load_demo
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp, create_app

#: The frozen "now" of every UI test: a Thursday morning, mid-programme for the demo.
NOW = dt.datetime(2026, 11, 26, 10, 30)


def _counter(prefix: str) -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"{prefix}{next(numbers):06d}"


def open_workspace(data: Path, catalogue: Catalogue, op_prefix: str = "op") -> Workspace:
    """A workspace with a frozen clock and deterministic ids and device.

    Each opening of one data folder needs its own ``op_prefix``: an op id seen twice is
    kept once, so a restarted sequence would hide new writes.
    """
    ticks = itertools.count()
    base = int(dt.datetime(2026, 11, 26, 10, 30, tzinfo=dt.UTC).timestamp() * 1000)
    return Workspace.open(
        data,
        catalogue,
        clock=lambda: NOW,
        new_id=_counter("x"),
        new_op_id=_counter(op_prefix),
        device_id="testdev1",
        wall=lambda: base + next(ticks),
    )


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
    shutil.copytree(demo_template, folder)
    (folder / "local" / "lock").unlink(missing_ok=True)
    ws = open_workspace(folder, ui_catalogue)
    yield ws
    ws.close()


@pytest.fixture
def empty_ws(tmp_path: Path, ui_catalogue: Catalogue) -> Iterator[Workspace]:
    """An empty data folder, opened."""
    ws = open_workspace(tmp_path / "empty", ui_catalogue)
    yield ws
    ws.close()


@pytest.fixture
def demo_app(demo_ws: Workspace) -> TrainerApp:
    """The app on the demo data (not started: use ``async with app.run_test() as pilot``)."""
    return create_app(demo_ws)
