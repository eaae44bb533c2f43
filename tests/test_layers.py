"""The layers of design.md §2: pure modules never pull in Textual or TinyDB.

import-linter checks the import graph statically in .ci/run; this test checks what really
gets loaded, in a fresh interpreter per module.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import trainer_tui

#: Packages allowed to load TinyDB or Textual (directly or through what they call).
LAYERS_WITH_IO = {"storage", "services", "ui", "cli"}
HEADLESS_PACKAGES = sorted(
    info.name
    for info in pkgutil.iter_modules(trainer_tui.__path__)
    if info.ispkg and info.name not in LAYERS_WITH_IO
)


def _modules(package: str) -> list[str]:
    base = f"trainer_tui.{package}"
    path = [f"{trainer_tui.__path__[0]}/{package}"]
    return [base] + [f"{base}.{info.name}" for info in pkgutil.iter_modules(path)]


def _run_python(code: str) -> str:
    """What ``code`` prints when run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_pure_layers_are_checked() -> None:
    assert {"domain", "catalogue", "i18n"} <= set(HEADLESS_PACKAGES)


@pytest.mark.parametrize("package", HEADLESS_PACKAGES)
def test_headless_packages_load_neither_textual_nor_tinydb(package: str) -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_modules(package)!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tinydb'))\n"
        "print(','.join(bad))\n"
    )
    assert _run_python(code) == ""


def test_cli_catalogue_commands_do_not_load_textual() -> None:
    code = (
        "import sys\n"
        "from trainer_tui.cli import main\n"
        "main(['catalogue', 'check'])\n"
        "print('LOADED', 'textual' in sys.modules)\n"
    )
    assert "LOADED False" in _run_python(code)


def test_opening_the_tui_loads_no_command_module_nor_the_demo_generator() -> None:
    """The TUI's start-up budget pays only for what the TUI uses (benchmarks/bench_tui.py)."""
    code = (
        "import sys\n"
        "from trainer_tui.cli.options import options_without_command\n"
        "import trainer_tui.cli\n"
        "assert options_without_command(['--data', 'x', '--lang', 'en']).command is None\n"
        "print(','.join(sorted(m for m in sys.modules if m.endswith('_cmd')"
        " and m != 'trainer_tui.cli.tui_cmd' or m.startswith('trainer_tui.demo'))))\n"
    )
    assert _run_python(code) == ""
