"""One TUI start-up, run in a fresh interpreter by bench_tui.py; prints one JSON line.

    tui_child.py app DATA_DIR    trainer-tui on DATA_DIR until its dashboard is interactive
    tui_child.py hello           a minimal Textual app (a label and a footer): the baseline

"Interactive" is the first moment Pilot finds the screen idle after the dashboard table was
filled: keys typed from then on are handled. Stamps are ``time.monotonic()`` (system-wide),
so the parent measures from just before it started this process.
"""

import time

MAIN = time.monotonic()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def app(data_dir: Path) -> dict[str, Any]:
    from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
    from trainer_tui.services.workspace import Workspace
    from trainer_tui.ui.app import create_app
    from trainer_tui.ui.screens.dashboard import DashboardScreen

    imported = time.monotonic()
    ws = Workspace.open(data_dir, load_catalogue(default_catalogue_dir()))
    opened = time.monotonic()
    stamps: dict[str, float] = {}
    rows: list[int] = []

    async def until_interactive(pilot: Any) -> None:
        while not isinstance(pilot.app.screen, DashboardScreen):
            await pilot.pause()
        await pilot.pause()
        stamps["ready"] = time.monotonic()
        rows.append(pilot.app.screen.query_one("#trainees").row_count)
        pilot.app.exit()

    trainer_app = create_app(ws)
    try:
        trainer_app.run(headless=True, size=(100, 30), auto_pilot=until_interactive)
    finally:
        ws.close()
    return {
        "main": MAIN,
        "imports": imported,
        "open": opened,
        "ready": stamps["ready"],
        "rows": rows[0],
        "rss_mb": _peak_rss_mb(),
    }


def hello() -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Label

    imported = time.monotonic()
    stamps: dict[str, float] = {}

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Bonjour")
            yield Footer()

    async def until_interactive(pilot: Any) -> None:
        await pilot.pause()
        stamps["ready"] = time.monotonic()
        pilot.app.exit()

    Hello().run(headless=True, size=(100, 30), auto_pilot=until_interactive)
    return {
        "main": MAIN,
        "imports": imported,
        "open": imported,
        "ready": stamps["ready"],
        "rows": 0,
        "rss_mb": _peak_rss_mb(),
    }


if __name__ == "__main__":
    result = app(Path(sys.argv[2])) if sys.argv[1] == "app" else hello()
    print(json.dumps(result))
