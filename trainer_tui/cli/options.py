"""The global options (``--data``, ``--lang``...) and argparse's texts in our language.

Kept apart from the sub-commands so that ``trainer-tui`` with no command (the TUI, whose
start-up has a one-second budget) parses its options without loading any command module.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from trainer_tui.i18n import has, t

PROG = "trainer-tui"


def translate_argparse(message: str) -> str:
    """Translate argparse's own texts ("usage:", "options"...) through the message catalogue."""
    key = f"argparse.{message}"
    return t(key) if has(key) else message


def use_our_language() -> None:
    """Make argparse look its texts up in our message catalogue."""
    # argparse looks its texts up through a module-level gettext alias: route it to ours.
    argparse._ = translate_argparse  # type: ignore[attr-defined]


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options every command shares, and the TUI too."""
    parser.add_argument("--data", metavar="DIR", help=t("cli.option.data"))
    parser.add_argument("--lang", choices=("fr", "en"), help=t("cli.option.lang"))
    parser.add_argument("--catalogue", metavar="DIR", help=t("cli.option.catalogue"))
    parser.add_argument("--high-contrast", action="store_true", help=t("cli.option.contrast"))


def early_language(argv: Sequence[str]) -> str | None:
    """Find ``--lang`` before the full parse, so that ``--help`` is already translated."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    return known.lang  # type: ignore[no-any-return]


def options_without_command(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` names no command (open the TUI), else ``None``.

    ``None`` too for anything this small parser cannot judge (``--help``, ``--version``, a
    wrong value): the full parser then answers it with its usual message.
    """
    use_our_language()
    parser = argparse.ArgumentParser(prog=PROG, add_help=False, exit_on_error=False)
    add_global_options(parser)
    try:
        known, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    known.command = None
    return known
