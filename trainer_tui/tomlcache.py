"""Parse TOML through a small JSON cache: the same text is parsed once per laptop, not per run.

Opening the app reads 21 TOML files (the skills catalogue and the interface's messages). The
standard ``tomllib`` is pure Python: 35 ms of the one-second start-up budget. The parsed
content, kept as JSON in the user's cache folder (``json`` is written in C), reads in under
2 ms. Entries are keyed by a digest of the text itself, so an edited file is simply a new
entry; errors are never cached (a broken file is parsed, and reported, every time).

The cache is a convenience: an unreadable or unwritable cache folder only costs the speed-up.
``TRAINER_TUI_CACHE`` names another folder (the tests use one of their own).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

CACHE_ENV = "TRAINER_TUI_CACHE"
CACHE_FILE = "toml-v1.json"
#: Entries kept at most: the files of both languages and a catalogue or two, with room for
#: edits; older entries go first.
MAX_ENTRIES = 128

_entries: dict[str, str] | None = None
_used: set[str] = set()
_changed = False


def cache_file() -> Path:
    """Where the cache lives."""
    folder = os.environ.get(CACHE_ENV)
    base = Path(folder) if folder else user_cache_path("trainer-tui", appauthor=False)
    return base / CACHE_FILE


def _load() -> dict[str, str]:
    global _entries
    if _entries is None:
        try:
            raw = json.loads(cache_file().read_text("utf-8"))
        except (OSError, ValueError):
            raw = {}
        valid = isinstance(raw, dict) and all(isinstance(v, str) for v in raw.values())
        _entries = raw if valid else {}
    return _entries


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the cache when this exact text was parsed before.

    Raises ``tomllib.TOMLDecodeError`` for invalid TOML, as ``tomllib`` does.
    """
    global _changed
    entries = _load()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = entries.get(key)
    if cached is not None:
        _used.add(key)
        parsed: dict[str, Any] = json.loads(cached)
        return parsed
    parsed = tomllib.loads(text)
    try:
        entries[key] = json.dumps(parsed, ensure_ascii=False)
    except (TypeError, ValueError):
        return parsed  # TOML dates and times have no JSON form: parsed every time
    _used.add(key)
    if not _changed:
        _changed = True
        atexit.register(save)
    return parsed


def save() -> None:
    """Write the cache if this run added to it (called at exit)."""
    global _changed
    if not _changed or _entries is None:
        return
    _changed = False
    # Entries used by this run first, then the others, newest last in the file.
    others = [k for k in _entries if k not in _used]
    room = max(0, MAX_ENTRIES - len(_used))
    kept = others[len(others) - room :] if room else []
    content = {k: _entries[k] for k in [*kept, *(k for k in _entries if k in _used)]}
    path = cache_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".toml-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(content, out, ensure_ascii=False)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
