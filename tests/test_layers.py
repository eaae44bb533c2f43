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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_catalogue_commands_do_not_load_textual() -> None:
    code = (
        "import sys\n"
        "from trainer_tui.cli import main\n"
        "main(['catalogue', 'check'])\n"
        "print('LOADED', 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "LOADED False" in result.stdout
