"""The fixtures of the CLI workflow tests: the CLI on a fresh data folder, and a cohort.

A plugin (``pytest_plugins``) of tests/test_cli_workflow.py and
tests/test_cli_workflow_bad_input.py, so that both get the fixtures without importing them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .cli_helpers import Cli, freeze_clock


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    freeze_clock(monkeypatch)
    monkeypatch.delenv("TRAINER_TUI_DATA", raising=False)
    return Cli(tmp_path / "data", capsys)


@pytest.fixture
def cohort(cli: Cli) -> dict[str, str]:
    """A cohort with a trainer, two trainees and a morning session."""
    cli.ok(
        "cohort",
        "add",
        "--name",
        "Promo nov 2026",
        "--campus",
        "Saint-Denis",
        "--start",
        "2026-11-02",
        "--end",
        "2027-02-05",
    )
    cli.ok("trainer", "add", "--name", "Karim Haddad", "--initials", "KH")
    cli.ok(
        "trainee",
        "add",
        "--cohort",
        "Promo nov 2026",
        "--first",
        "Inès",
        "--last",
        "Benali",
        "--code",
        "SD26INE",
    )
    cli.ok(
        "trainee",
        "add",
        "--cohort",
        "promo nov 2026",
        "--first",
        "Yanis",
        "--last",
        "Moreau",
        "--code",
        "SD26YAN",
    )
    out = cli.ok(
        "session",
        "add",
        "--cohort",
        "Promo nov 2026",
        "--date",
        "2026-11-26",
        "--start",
        "09:00",
        "--end",
        "12:30",
        "--trainer",
        "KH",
        "--skills",
        "SPL-01,SPL-04",
    )
    match = re.search(r"\b(s-[0-9a-f]+)\b", out)
    assert match
    return {"session": match.group(1)}
