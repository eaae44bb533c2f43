"""Small helpers to print results and errors consistently."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trainer_tui.domain.text import BIDI_CONTROLS
from trainer_tui.i18n import t

#: The longest error line printed (a 10,000-character value typed by mistake is cut).
MAX_ERROR_CHARS = 400


def one_line(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    """``text`` as one line: control and bidirectional characters escaped, a long one cut.

    Error messages quote what was typed; a line break or a right-to-left override in a value
    must neither split the message nor reorder it on the terminal.
    """
    shown = "".join(
        char if char.isprintable() and char not in BIDI_CONTROLS else ascii(char)[1:-1]
        for char in text
    )
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def fail(message: str, code: int) -> int:
    """Print one error line on stderr and return ``code``."""
    print(one_line(t("cli.error_prefix", message=message)), file=sys.stderr)
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
