"""Small helpers to print results and errors consistently."""

from __future__ import annotations

import sys

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_error, has, t


def fail(message: str, code: int) -> int:
    """Print one error line on stderr and return ``code``."""
    print(t("cli.error_prefix", message=message), file=sys.stderr)
    return code


def out(text: str) -> None:
    """Print a result on stdout."""
    print(text)


def describe_violation(error: RuleViolation) -> str:
    """``field: what is wrong``, both in the current language."""
    key = f"field.{error.field}"
    field = t(key) if has(key) else error.field
    return t(
        "cli.violation", field=field, message=describe_error(error.code, error.params, str(error))
    )
