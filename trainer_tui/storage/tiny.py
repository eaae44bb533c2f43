"""TinyDB storage that writes atomically and durably, and keeps the data in memory.

TinyDB's own ``JSONStorage`` rewrites its file in place: a kill during the write leaves a
truncated, unreadable file (reliability.md §1). This storage keeps TinyDB's file format (a JSON
object of tables of documents) but replaces the file atomically on every write, so any TinyDB
can still open it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from trainer_tui.storage.files import write_atomic

TinyData = dict[str, dict[str, Any]]


def dump_tinydb(data: TinyData) -> bytes:
    """Serialise TinyDB data the way every file of the store is written (compact UTF-8)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose writes are atomic and fsynced before ``write`` returns.

    The last data written is kept in memory, so reads cost nothing; the file is read only
    when the storage opens.
    """

    def __init__(self, path: str | Path, initial: TinyData | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._data: TinyData | None = initial
        if initial is None and self.path.exists():
            raw = self.path.read_bytes()
            if not raw.strip():
                # Every write replaces the file whole, so an empty file is damage (a disk
                # error, a copy cut short), not an empty store: refuse it.
                raise ValueError("empty file")
            self._data = orjson.loads(raw)

    def read(self) -> TinyData | None:
        """The current data (TinyDB mutates it, then calls ``write``)."""
        return self._data

    def write(self, data: TinyData) -> None:
        """Replace the file with ``data``, durably; on failure forget the unsaved state."""
        try:
            write_atomic(self.path, dump_tinydb(data))
        except BaseException:
            # TinyDB already changed the in-memory data: reload what is really on disk so
            # that nothing unsaved is ever shown as saved.
            self._data = json.loads(self.path.read_bytes()) if self.path.exists() else None
            raise
        self._data = data

    def close(self) -> None:
        """Nothing to release: no file handle is kept open."""


def open_tinydb(path: Path) -> TinyDB:
    """Open (or create on first write) a TinyDB file with atomic, durable writes."""
    return TinyDB(path, storage=AtomicJSONStorage)
