"""What stays on this laptop and is never synced: device identity and the single-writer lock.

Both live in ``<data>/local/``. The data folder is this laptop's replica; a sync folder is a
separate place, so the device id and the lock never travel with the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from trainer_tui.storage.files import OWNER_ONLY, ensure_dir, write_atomic

LOCAL_DIR = "local"
LOCK_FILE = "lock"
SETTINGS_FILE = "settings.json"


class StoreLocked(Exception):
    """Another process already writes to this data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        super().__init__(str(data_dir))


@dataclass(frozen=True, slots=True)
class Device:
    """This laptop's identity in the op log."""

    id: str
    name: str


class WriterLock:
    """An exclusive lock on a data folder, held while the store is open."""

    def __init__(self, data_dir: Path) -> None:
        folder = data_dir / LOCAL_DIR
        ensure_dir(folder)
        self.data_dir = data_dir
        self._lock = FileLock(folder / LOCK_FILE, mode=OWNER_ONLY)

    def acquire(self) -> None:
        """Take the lock at once, or raise :class:`StoreLocked`."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise StoreLocked(self.data_dir) from None

    def release(self) -> None:
        """Let another process open the folder."""
        self._lock.release()


def load_local_json(data_dir: Path, file_name: str) -> dict[str, Any]:
    """The JSON object kept in ``<data>/local/<file_name>`` (empty when none or unreadable).

    Only conveniences live there (preferences, the dashboard's cache): an unreadable file
    must not stop the app.
    """
    try:
        raw = json.loads((data_dir / LOCAL_DIR / file_name).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save_local_json(
    data_dir: Path, file_name: str, content: dict[str, Any], *, durable: bool = True
) -> None:
    """Replace ``<data>/local/<file_name>`` with ``content``, atomically.

    Durably too, unless it is a cache that can always be worked out again.
    """
    folder = data_dir / LOCAL_DIR
    ensure_dir(folder)
    text = json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True)
    write_atomic(folder / file_name, text.encode("utf-8"), durable=durable)


def load_local_settings(data_dir: Path) -> dict[str, Any]:
    """This laptop's preferences for ``data_dir`` (empty when none or unreadable)."""
    return load_local_json(data_dir, SETTINGS_FILE)


def save_local_settings(data_dir: Path, settings: dict[str, Any]) -> None:
    """Replace the preferences of ``data_dir``, atomically and durably."""
    save_local_json(data_dir, SETTINGS_FILE, settings)
