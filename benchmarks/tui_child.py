"""One TUI start-up, run in a fresh interpreter by bench_tui.py; prints one JSON line.

    tui_child.py app DATA_DIR    ``trainer-tui --data DATA_DIR`` (its console-script function)
                                 until the dashboard is interactive
    tui_child.py hello           a minimal Textual app (a label and a footer): the baseline

"Interactive" is the first moment Pilot finds the screen idle after the dashboard table was
filled: keys typed from then on are handled. Stamps are ``time.monotonic()`` (system-wide),
so the parent measures from just before it started this process.
"""

import time

MAIN = time.monotonic()

import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _PatchTextualRun(importlib.abc.MetaPathFinder):
    """When ``textual.app`` loads, make ``App.run`` headless and stop at the dashboard.

    The app is started by the real console-script function, so every step a trainer's
    ``trainer-tui`` takes is measured, in its order; only the terminal is replaced.
    """

    def __init__(self, until_interactive: Any) -> None:
        self.until_interactive = until_interactive

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module
        until_interactive = self.until_interactive

        def exec_module(module: Any) -> None:
            load(module)
            run = module.App.run

            def headless_run(app: Any, *args: Any, **kwargs: Any) -> Any:
                stamps["run"] = time.monotonic()
                return run(app, headless=True, size=(100, 30), auto_pilot=until_interactive)

            module.App.run = headless_run

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


stamps: dict[str, float] = {}


def app(data_dir: Path) -> dict[str, Any]:
    rows: list[int] = []

    async def until_interactive(pilot: Any) -> None:
        from trainer_tui.ui.screens.dashboard import DashboardScreen

        while not isinstance(pilot.app.screen, DashboardScreen):
            await pilot.pause()
        await pilot.pause()
        stamps["ready"] = time.monotonic()
        rows.append(pilot.app.screen.query_one("#trainees").row_count)
        pilot.app.exit()

    sys.meta_path.insert(0, _PatchTextualRun(until_interactive))
    sys.argv = ["trainer-tui", "--data", str(data_dir)]
    from trainer_tui.startup import main

    assert main() == 0
    return {
        "main": MAIN,
        "imports": stamps["run"],
        "open": stamps["run"],
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
