"""Fixtures for Pilot and snapshot tests: the app on a demo data folder (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.workspaces import NOW, open_workspace
from trainer_tui.services.workspace import Workspace
from trainer_tui.ui.app import TrainerApp, create_app

__all__ = ["NOW", "open_workspace"]


@pytest.fixture
def demo_app(demo_ws: Workspace) -> TrainerApp:
    """The app on the demo data (not started: use ``async with app.run_test() as pilot``)."""
    return create_app(demo_ws)
