"""Where data lives and which language to speak, from options, environment and defaults.

The data folder holds the trainer's local replica; it is never the sync folder itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from trainer_tui.catalogue import default_catalogue_dir
from trainer_tui.domain.text import Language
from trainer_tui.i18n import DEFAULT_LANGUAGE, parse_language

APP_NAME = "trainer-tui"
DATA_ENV = "TRAINER_TUI_DATA"
LANG_ENV = "TRAINER_TUI_LANG"
CATALOGUE_ENV = "TRAINER_TUI_CATALOGUE"


def resolve_data_dir(option: str | None) -> Path:
    """``--data``, else ``$TRAINER_TUI_DATA``, else the platform's user data folder."""
    chosen = option or os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def demo_data_dir() -> Path:
    """Where ``trainer-tui demo`` keeps its data when no data folder is given."""
    return user_data_path(APP_NAME, appauthor=False) / "demo"


def resolve_language(option: str | None) -> Language:
    """``--lang``, else ``$TRAINER_TUI_LANG``, else French.

    An unsupported value in the environment falls back to French rather than failing: the
    environment is often set for other programs too.
    """
    if option:
        return parse_language(option)
    from_env = os.environ.get(LANG_ENV)
    if from_env:
        try:
            return parse_language(from_env)
        except ValueError:
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def resolve_catalogue_dir(option: str | None) -> Path:
    """``--catalogue``, else ``$TRAINER_TUI_CATALOGUE``, else the catalogue shipped with the app."""
    chosen = option or os.environ.get(CATALOGUE_ENV)
    return Path(chosen).expanduser() if chosen else default_catalogue_dir()
