"""Durable file writes: a file shown as saved is complete on disk, whatever happens next.

The recipe (reliability.md §2.1): write a temporary file in the same folder, flush, fsync,
``os.replace`` over the target, then fsync the folder so the rename itself is durable. A crash
at any instant leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

#: Data files are readable by their owner only: they hold trainees' personal data.
#: Documents made to be shared (a PDF to print, the viewer page to publish): readable by all.
SHARED = 0o644
OWNER_ONLY = 0o600
OWNER_ONLY_DIR = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_dir(path: Path) -> None:
    """Create ``path`` and its parents, owner-only where this process creates them.

    ``mkdir(parents=True)`` would give the parents the umask's mode (often 0755), so each
    missing level is created on its own.
    """
    if path.is_dir():
        return
    missing = []
    for level in (path, *path.parents):
        if level.is_dir():
            break
        missing.append(level)
    for level in reversed(missing):
        level.mkdir(mode=OWNER_ONLY_DIR, exist_ok=True)


def fsync_dir(path: Path) -> None:
    """Make the entries of folder ``path`` (creations, renames) durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # some platforms and file systems cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # e.g. FAT-formatted USB sticks refuse fsync on folders
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, durable: bool = True, mode: int = OWNER_ONLY) -> None:
    """Replace ``path`` with ``data`` atomically.

    With ``durable=False`` the data is not forced to disk before returning: used for copies
    that can be fetched again (an imported segment), never for a user's change. ``mode`` is
    owner-only unless asked (documents made to be handed out, see ``SHARED``).
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        fsync_dir(path.parent)


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files a crash left behind in ``folder``; return how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed
