"""Where files lie in a replica or a sync folder: ``<root>/<partition>/<device>/<file>``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from trainer_tui.storage.segments import is_ignored


@dataclass(frozen=True, slots=True)
class SetAside:
    """A file that could not be used, where it was and why (a message-catalogue code)."""

    path: str
    reason: str
    detail: str = ""


def subfolders(folder: Path) -> list[os.DirEntry[str]]:
    """Sub-folders of ``folder`` (none if it does not exist), sorted by name."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    return sorted(
        (e for e in entries if e.is_dir() and not e.name.startswith(".")), key=lambda e: e.name
    )


def segment_files(root: Path, partition: str | None = None) -> Iterator[tuple[str, str, Path]]:
    """``(partition, device, path)`` of every candidate segment file under ``root``.

    ``root`` is laid out ``<partition>/<device>/<file>``; OS litter and in-flight temporary
    files are skipped. With ``partition``, only that partition is walked.
    """
    parts = [root / partition] if partition else [Path(e.path) for e in subfolders(root)]
    for part_dir in parts:
        for device_dir in subfolders(part_dir):
            for entry in sorted(os.scandir(device_dir.path), key=lambda e: e.name):
                if entry.is_file() and not is_ignored(entry.name):
                    yield part_dir.name, device_dir.name, Path(entry.path)
