"""Small helpers to print results and errors consistently."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trainer_tui.i18n import t


def fail(message: str, code: int) -> int:
    """Print one error line on stderr and return ``code``."""
    print(t("cli.error_prefix", message=message), file=sys.stderr)
    return code


def out(text: str) -> None:
    """Print a result on stdout."""
    print(text)


def add_command(commands: Any, name: str, help_key: str) -> argparse.ArgumentParser:
    """Add sub-command ``name`` whose help and description are message ``help_key``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=t(help_key), description=t(help_key)
    )
    return parser


def add_actions(parser: argparse.ArgumentParser) -> Any:
    """The required actions of a command group (``trainee add``, ``trainee edit``...)."""
    return parser.add_subparsers(dest="action", required=True, metavar=t("cli.command_metavar"))
