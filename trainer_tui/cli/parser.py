"""The full command-line parser: the global options, then each command module's commands."""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn

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
from trainer_tui.cli.output import one_line
from trainer_tui.i18n import t

#: What argparse takes for a value although it starts with "-": a negative number, with a
#: decimal point or a French decimal comma (``--value -0,5``).
NEGATIVE_NUMBER = re.compile(r"^-\d+$|^-\d*[.,]\d+$")

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


class LiteralHelpFormatter(argparse.HelpFormatter):
    """Help texts shown as the message catalogue writes them.

    argparse expands ``%(default)s``-style fields in every help text, so a plain "%" in a
    message ("absence threshold (in %)") ended ``--help`` in a ValueError. Our texts use no
    such field: they are printed as they are.
    """

    def _expand_help(self, action: argparse.Action) -> str:
        return self._get_help_string(action) or ""


class Parser(argparse.ArgumentParser):
    """argparse with the app's conventions, for the main parser and every sub-command.

    Help texts are literal (:class:`LiteralHelpFormatter`); ``-0,5`` is a value, not an
    option; a mistake is one line on stderr (exit code 2) naming the command and pointing to
    its ``--help``, instead of the usage block then the error.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", LiteralHelpFormatter)
        super().__init__(*args, **kwargs)
        # argparse decides what is a negative number with this attribute (so since Python
        # 3.2); its own pattern knows only the decimal point.
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        """Print the mistake on one line and exit with code 2."""
        self.exit(2, one_line(t("cli.usage_error", prog=self.prog, message=message)) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with help texts in the current language.

    Sub-commands are :class:`Parser` too (argparse makes them of the parent's class).
    """
    use_our_language()
    parser = Parser(prog=PROG, description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for module in _COMMAND_MODULES:
        module.register(commands)
    return parser
