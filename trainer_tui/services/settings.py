"""This laptop's small preferences (last sync folder, language), in ``<data>/local/``.

The ``local/`` folder is never synced: a USB stick mounted at ``/media/anne/CLE`` on one laptop
means nothing on another, and each trainer chooses their own language. The file is rewritten
whole and atomically by the storage layer; an unreadable file counts as empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trainer_tui.domain.text import LANGUAGES, Language
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.local import load_local_settings, save_local_settings

SYNC_FOLDER = "sync_folder"
LANGUAGE = "language"


def load_settings(ws: Workspace) -> dict[str, Any]:
    """Every setting saved for this data folder (empty when none or unreadable)."""
    return load_local_settings(ws.replica.data_dir)


def save_setting(ws: Workspace, key: str, value: Any) -> None:
    """Set one setting durably, keeping the others."""
    save_settings(ws, {key: value})


def save_settings(ws: Workspace, changes: Mapping[str, Any]) -> None:
    """Set several settings in one durable write, keeping the others."""
    save_local_settings(ws.replica.data_dir, load_settings(ws) | dict(changes))


def last_sync_folder(ws: Workspace) -> Path | None:
    """The folder of the last successful sync on this laptop, if any."""
    value = load_settings(ws).get(SYNC_FOLDER)
    return Path(value) if isinstance(value, str) and value else None


def remember_sync_folder(ws: Workspace, folder: Path) -> None:
    """Remember ``folder`` to offer it first next time."""
    save_setting(ws, SYNC_FOLDER, str(folder.expanduser().absolute()))


def saved_language(data_dir: Path) -> Language | None:
    """The interface language chosen for ``data_dir`` on this laptop, if any.

    Read before the data folder is opened (the command line picks its language first).
    """
    value = load_local_settings(data_dir).get(LANGUAGE)
    for language in LANGUAGES:
        if value == language:
            return language
    return None


def remember_language(ws: Workspace, language: Language) -> None:
    """Use ``language`` on this laptop from now on (``--lang`` still overrides it)."""
    save_setting(ws, LANGUAGE, language)
