"""The parsed-TOML cache gives what tomllib gives, and never hides an error."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer_tui import tomlcache

TEXT = 'title = "Épissure"\nlevels = [1, 2.5]\n[block]\nid = "SPL"\n'


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(tomlcache.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(tomlcache, "_entries", None)
    monkeypatch.setattr(tomlcache, "_used", set())
    monkeypatch.setattr(tomlcache, "_changed", False)
    yield tmp_path / tomlcache.CACHE_FILE


def test_a_parse_is_kept_and_read_back_the_same(fresh_cache: Path) -> None:
    first = tomlcache.parse_toml(TEXT)
    assert first == tomllib.loads(TEXT)
    tomlcache.save()
    assert fresh_cache.exists()
    tomlcache._entries = None  # a new run reads the file
    second = tomlcache.parse_toml(TEXT)
    assert second == first and second is not first
    second["title"] = "changed"  # a caller's change never reaches the cache
    assert tomlcache.parse_toml(TEXT)["title"] == "Épissure"


def test_invalid_toml_raises_every_time_and_is_not_kept(fresh_cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(tomllib.TOMLDecodeError):
            tomlcache.parse_toml("title = ")
    tomlcache.save()
    assert not fresh_cache.exists()


def test_dates_have_no_json_form_and_are_parsed_each_time(fresh_cache: Path) -> None:
    parsed = tomlcache.parse_toml("day = 2026-11-26\n")
    assert str(parsed["day"]) == "2026-11-26"
    tomlcache.save()
    assert not fresh_cache.exists()


def test_a_damaged_or_unwritable_cache_only_costs_speed(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_cache.write_text("{not json", "utf-8")
    assert tomlcache.parse_toml(TEXT) == tomllib.loads(TEXT)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv(tomlcache.CACHE_ENV, str(blocked))  # a file where a folder should be
    tomlcache.save()  # no error, nothing written
    assert fresh_cache.read_text("utf-8") == "{not json"


def test_the_cache_keeps_at_most_its_limit(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tomlcache, "MAX_ENTRIES", 3)
    for number in range(5):
        tomlcache.parse_toml(f"n = {number}\n")
    tomlcache._used.clear()
    tomlcache.parse_toml("n = 4\n")  # used by this run: kept
    tomlcache.save()
    kept = json.loads(fresh_cache.read_text("utf-8"))
    assert len(kept) == 3
    assert json.dumps({"n": 4}) in kept.values()
