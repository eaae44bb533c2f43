"""The message catalogue: every user-facing string, in French (default) and English.

Messages live in ``fr/*.toml`` and ``en/*.toml`` beside this module (one file per area of the
app), as nested tables whose dotted paths are the keys (``cli.catalogue.check.ok``). A test
checks both languages have the same keys and the same ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.text import LANGUAGES, Language
from trainer_tui.tomlcache import parse_toml

DEFAULT_LANGUAGE: Language = "fr"
_current: list[Language] = [DEFAULT_LANGUAGE]


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def messages(language: Language) -> dict[str, str]:
    """All messages of ``language``, keyed by dotted path.

    Each language is a folder of TOML files (one per area of the app: ``core``, ``ui``...),
    merged; a key defined in two files is a programming error.
    """
    merged: dict[str, str] = {}
    folder = resources.files(__package__).joinpath(language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        flat = _flatten(parse_toml(entry.read_text("utf-8")))
        clash = merged.keys() & flat.keys()
        if clash:
            raise ValueError(f"{language}/{entry.name} redefines {sorted(clash)[0]}")
        merged.update(flat)
    return merged


def parse_language(value: str) -> Language:
    """Map ``fr``, ``FR``, ``fr_FR.UTF-8``, ``en-GB``... to a supported language."""
    code = value.strip().lower()[:2]
    for language in LANGUAGES:
        if code == language:
            return language
    raise ValueError(value)


def set_language(language: Language) -> None:
    """Make ``language`` the language of every following message."""
    _current[0] = language


def get_language() -> Language:
    """The language in use."""
    return _current[0]


def has(key: str) -> bool:
    """Whether ``key`` exists in the message catalogue."""
    return key in messages(get_language())


def t(key: str, **params: Any) -> str:
    """The message ``key`` in the current language, formatted with ``params``.

    A missing key is a programming error caught by the tests; at run time it shows the key
    itself rather than crashing in front of a trainer.
    """
    template = messages(get_language()).get(key)
    if template is None:
        return key
    return template.format(**params) if params else template


def describe_error(code: str, params: Mapping[str, Any], fallback: str) -> str:
    """Translate a validation error by its code (``validation.<code>``), else ``fallback``."""
    key = f"validation.{code}"
    if not has(key):
        return fallback
    # A date travels as a date: written here the way the reader writes dates. An empty
    # value is shown as such ("unknown trainee: « »"), never as nothing.
    shown = {
        name: format_date(value)
        if isinstance(value, dt.date)
        else t("format.empty_value")
        if isinstance(value, str) and not value.strip()
        else value
        for name, value in params.items()
    }
    try:
        return t(key, **shown)
    except (KeyError, IndexError, ValueError):
        return fallback


def decimal(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals and the language's separator (``3,5`` in French)."""
    return f"{value:.{digits}f}".replace(".", t("format.decimal_separator"))


def format_date(day: dt.date) -> str:
    """``day`` as people write it in the current language (``05/10/2026`` in French)."""
    return t("format.date", day=day.day, month=day.month, year=day.year)


def describe_violation(error: RuleViolation) -> str:
    """``field: what is wrong``, both in the current language."""
    key = f"field.{error.field}"
    field = t(key) if has(key) else error.field
    return t(
        "cli.violation", field=field, message=describe_error(error.code, error.params, str(error))
    )
