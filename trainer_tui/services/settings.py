"""This laptop's small preferences (the last sync folder), kept in ``<data>/local/settings.json``.

The ``local/`` folder is never synced: a USB stick mounted at ``/media/anne/CLE`` on one laptop
means nothing on another. The file is tiny and rewritten whole, atomically (temporary file in
the same folder, fsync, rename, fsync the folder), so a crash leaves either the old or the new
settings; an unreadable file is treated as empty rather than stopping the app.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from trainer_tui.services.workspace import Workspace

LOCAL_DIR = "local"
SETTINGS_FILE = "settings.json"
SYNC_FOLDER = "sync_folder"


def settings_path(ws: Workspace) -> Path:
    """Where this data folder keeps its local settings."""
    return ws.replica.data_dir / LOCAL_DIR / SETTINGS_FILE


def load_settings(ws: Workspace) -> dict[str, Any]:
    """Every setting saved for this data folder (empty when none or unreadable)."""
    try:
        raw = json.loads(settings_path(ws).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save_setting(ws: Workspace, key: str, value: Any) -> None:
    """Set one setting durably, keeping the others."""
    settings = load_settings(ws) | {key: value}
    _write_atomic(settings_path(ws), json.dumps(settings, ensure_ascii=False, indent=2))


def last_sync_folder(ws: Workspace) -> Path | None:
    """The folder of the last successful sync on this laptop, if any."""
    value = load_settings(ws).get(SYNC_FOLDER)
    return Path(value) if isinstance(value, str) and value else None


def remember_sync_folder(ws: Workspace, folder: Path) -> None:
    """Remember ``folder`` to offer it first next time."""
    save_setting(ws, SYNC_FOLDER, str(folder.expanduser().absolute()))


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
