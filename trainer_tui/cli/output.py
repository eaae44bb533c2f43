"""Small helpers to print results and errors consistently."""

from __future__ import annotations

import sys

from trainer_tui.i18n import t


def fail(message: str, code: int) -> int:
    """Print one error line on stderr and return ``code``."""
    print(t("cli.error_prefix", message=message), file=sys.stderr)
    return code


def out(text: str) -> None:
    """Print a result on stdout."""
    print(text)
