"""This laptop's active segments: the ops of each partition not sealed yet.

One small TinyDB file per partition (``local/active/<partition>.json``), rewritten whole and
atomically at each save (files.AtomicJSONStorage), so a save costs the same whatever the
history. A file that is not ours or not readable is set aside, never trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from trainer_tui.storage.files import fsync_dir
from trainer_tui.storage.ops import is_valid_op
from trainer_tui.storage.tiny import AtomicJSONStorage


class ActiveFiles:
    """The open active files of one data folder, opened on first use."""

    def __init__(
        self,
        folder: Path,
        device_id: Callable[[], str],
        quarantine: Callable[[Path, str, str], None],
    ) -> None:
        self.folder = folder
        # Looked up each time: the laptop's id changes when a copied folder becomes its own.
        self._device_id = device_id
        self._quarantine = quarantine
        self._open: dict[str, TinyDB] = {}

    def partitions(self) -> list[str]:
        """The partitions with an active file, on disk or opened and still empty."""
        return [p.stem for p in self.folder.glob("*.json")] + [
            name for name in self._open if not (self.folder / f"{name}.json").exists()
        ]

    def table(self, partition: str) -> Any:
        """The ``ops`` table of ``partition``'s active file (made empty if unusable)."""
        db = self._open.get(partition)
        if db is None:
            path = self.folder / f"{partition}.json"
            own = self._device_id()
            try:
                db = TinyDB(path, storage=AtomicJSONStorage)
                ops = db.table("ops").all()
                if not all(is_valid_op(op) and op["dev"] == own for op in ops):
                    raise ValueError("wrong_schema")
            except (ValueError, TypeError, AttributeError) as error:
                self._quarantine(path, "active_unreadable", str(error))
                db = TinyDB(path, storage=AtomicJSONStorage)
            self._open[partition] = db
        return db.table("ops")

    def remove(self, partition: str) -> None:
        """Close and delete ``partition``'s active file, once its ops are sealed durably."""
        self._open.pop(partition).close()
        (self.folder / f"{partition}.json").unlink()
        fsync_dir(self.folder)
