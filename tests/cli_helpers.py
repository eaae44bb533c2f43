"""Run the CLI in-process against a temporary data folder with a frozen clock."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer_tui.cli import main
from trainer_tui.services.workspace import Workspace

FROZEN_NOW = dt.datetime(2026, 11, 26, 10, 30)


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """``cli("rate", ...)`` runs ``trainer-tui --data <tmp> rate ...`` and captures output."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = data
        self.capsys = capsys

    def __call__(self, *args: str, data: Path | None = None) -> Result:
        self.capsys.readouterr()
        code = main(["--data", str(data or self.data), *args])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, data: Path | None = None) -> str:
        result = self(*args, data=data)
        assert result.code == 0, result.err
        return result.out


def freeze_clock(monkeypatch: pytest.MonkeyPatch, now: dt.datetime = FROZEN_NOW) -> None:
    """Make the services see ``now`` as the current local time, and storage's clock too.

    The hybrid clock then ticks a millisecond per stamp from ``now`` (as UTC, like
    tests/workspaces.py), so that ops written here are never days away from theirs.
    """
    monkeypatch.setattr("trainer_tui.services.workspace.local_now", lambda: now)
    base = int(now.replace(tzinfo=dt.UTC).timestamp() * 1000)
    ticks = itertools.count()
    monkeypatch.setattr("trainer_tui.storage.ops.wall_clock_ms", lambda: base + next(ticks))


def cli_on(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    """The CLI on ``ws``'s data folder: ``ws`` is closed first (one writer at a time)."""
    folder = ws.replica.data_dir
    ws.close()
    freeze_clock(monkeypatch)
    return Cli(folder, capsys)


def join_school(cli: Cli, school: Path, newcomer: Path, folder: Path) -> None:
    """Pair ``newcomer`` with the laptop at ``school`` as people do, through ``folder``.

    ``laptops add`` on the school's laptop, ``laptops join CODE`` on the new one, then the
    syncs that carry the pairing both ways (storage/pairing.py).
    """
    folder.mkdir(parents=True, exist_ok=True)
    cli.ok("sync", str(folder), data=school)  # its descriptor, for the newcomer to find
    code = cli.ok("laptops", "add", data=school).splitlines()[0].rsplit(" ", 1)[-1]
    cli.ok("laptops", "join", code, data=newcomer)
    for data in (newcomer, school, newcomer):
        cli.ok("sync", str(folder), data=data)
