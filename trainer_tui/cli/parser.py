"""The full command-line parser: the global options, then each command module's commands."""

from __future__ import annotations

import argparse

from trainer_tui import __version__
from trainer_tui.cli import (
    activity_cmd,
    catalogue_cmd,
    cohort_cmd,
    demo_cmd,
    laptops_cmd,
    paperwork_cmd,
    progress_cmd,
    status_cmd,
    trainee_cmd,
)
from trainer_tui.cli.options import PROG, add_global_options, use_our_language
from trainer_tui.i18n import t

_COMMAND_MODULES = (
    demo_cmd,
    cohort_cmd,
    trainee_cmd,
    activity_cmd,
    status_cmd,
    laptops_cmd,
    catalogue_cmd,
    paperwork_cmd,
    progress_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with help texts in the current language."""
    use_our_language()
    parser = argparse.ArgumentParser(prog=PROG, description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for module in _COMMAND_MODULES:
        module.register(commands)
    return parser
