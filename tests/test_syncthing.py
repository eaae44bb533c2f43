"""Sync through a real Syncthing: two laptops, each with its own sync folder, replicated.

Laptop A syncs with folder FA, laptop B with folder FB, and two Syncthing instances on
127.0.0.1 replicate FA <-> FB (tests/syncthing_harness.py). Each laptop is a data folder
driven through the CLI in-process, with the clock frozen.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_helpers import Cli, freeze_clock
from tests.syncthing_harness import (
    SKIP_REASON,
    SYNCTHING,
    Instance,
    Pair,
    join_school,
    new_laptop,
    running_pair,
    syncthing_temp_name,
)

pytestmark = pytest.mark.skipif(SYNCTHING is None, reason=SKIP_REASON)

COHORT = "Promo nov 2026"
SET_ASIDE = "Mis de côté"
SUMMARY = re.compile(
    r"Reçu : (\d+) fichier.*, (\d+) opération.*Envoyé : (\d+) fichier.*Portables connus : (\d+)"
)
SEGMENTS = "trainer-tui/segments"
#: Rounds of "sync A, sync B, Syncthing in sync" after which the laptops must be stable.
MAX_ROUNDS = 5


def segments_in(folder: Path) -> dict[str, bytes]:
    """Every file under a sync folder's segments (conflict copies, temporary files too).

    Keyed by path relative to ``folder``, with its bytes.
    """
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted((folder / SEGMENTS).rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class Synced:
    """What one ``sync`` said: files received and sent, laptops known, and its output."""

    received: int
    ops: int
    sent: int
    laptops: int
    out: str


@dataclass
class School:
    """Laptops A and B, their sync folders FA and FB, and the Syncthing pair between them."""

    pair: Pair
    a: Cli
    b: Cli
    #: The morning session laptop A planned in the cohort.
    session: str = ""

    def folder(self, laptop: Cli) -> Path:
        """The sync folder ``laptop`` syncs with."""
        return self.instance(laptop).folder

    def instance(self, laptop: Cli) -> Instance:
        """The Syncthing instance replicating ``laptop``'s sync folder."""
        return self.pair.a if laptop is self.a else self.pair.b

    def sync(self, laptop: Cli) -> Synced:
        """``sync`` ``laptop`` with its folder, then rescan that folder.

        Fails if the sync exits non-zero or sets anything aside.
        """
        out = laptop.ok("sync", str(self.folder(laptop)))
        self.instance(laptop).scan()
        assert SET_ASIDE not in out, out
        summary = SUMMARY.search(out)
        assert summary, out
        received, ops, sent, laptops = (int(n) for n in summary.groups())
        return Synced(received, ops, sent, laptops, out)

    def converge(self, *, wait_between: bool = False) -> None:
        """Sync A, sync B, wait for Syncthing, until a round moves nothing in or out.

        B's sync runs while Syncthing may still be carrying A's files, unless
        ``wait_between``. Both laptops then know each other (and no other laptop).
        """
        for _ in range(MAX_ROUNDS):
            first = self.sync(self.a)
            if wait_between:
                self.pair.wait_in_sync()
            done = (first, self.sync(self.b))
            self.pair.wait_in_sync()
            if not any(synced.received or synced.sent for synced in done):
                assert [synced.laptops for synced in done] == [2, 2], done
                return
        pytest.fail(f"the laptops still exchange files after {MAX_ROUNDS} rounds")

    def assert_same_state(self) -> str:
        """Both laptops' ``status --json`` are byte-identical; return it."""
        state = self.a.ok("status", "--json")
        assert self.b.ok("status", "--json") == state
        return state

    def assert_intact(self) -> None:
        """``check`` passes on both laptops and neither set anything aside."""
        for laptop in (self.a, self.b):
            assert "Tout est intact" in laptop.ok("check")
            assert not list((laptop.data / "quarantine").glob("*"))


def _enrol_cohort(a: Cli) -> str:
    """On laptop A: a cohort, a trainer, two trainees and a session; return the session id."""
    for name, campus, start, end in (
        (COHORT, "Saint-Denis", "2026-11-02", "2027-02-05"),
        ("Promo fév 2027", "Lyon", "2027-02-01", "2027-05-28"),
    ):
        a.ok("cohort", "add", "--name", name, "--campus", campus, "--start", start, "--end", end)
    a.ok("trainer", "add", "--name", "Karim Haddad", "--initials", "KH")
    for first, last, code in (("Inès", "Benali", "SD26INE"), ("Yanis", "Moreau", "SD26YAN")):
        a.ok("trainee", "add", "--cohort", COHORT, "--first", first, "--last", last, "--code", code)
    out = a.ok(
        "session",
        "add",
        "--cohort",
        COHORT,
        "--date",
        "2026-11-26",
        "--start",
        "09:00",
        "--end",
        "12:30",
        "--trainer",
        "KH",
        "--skills",
        "SPL-01,SPL-04",
    )
    match = re.search(r"\b(s-[0-9a-f]+)\b", out)
    assert match, out
    return match.group(1)


@pytest.fixture
def school(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[School]:
    """Two laptops of one school, the cohort made on A and already on B, both folders alike."""
    freeze_clock(monkeypatch)
    monkeypatch.delenv("TRAINER_TUI_DATA", raising=False)
    with running_pair(tmp_path, tmp_path / "sync-a", tmp_path / "sync-b") as pair:
        a = new_laptop(tmp_path / "laptop-a", capsys)
        b = new_laptop(tmp_path / "laptop-b", capsys)
        join_school(a, b)
        found = School(pair, a, b, _enrol_cohort(a))
        found.converge(wait_between=True)  # each laptop finds the other's files whole
        assert COHORT in found.assert_same_state()
        yield found


def test_concurrent_edits_on_both_laptops_converge_byte_for_byte(school: School) -> None:
    a, b, session = school.a, school.b, school.session
    # Neither laptop syncs while both work: the same skills, different skills, new trainees,
    # the same attendance sheet and the same trainee's phone number, on both.
    a.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH", "--session", session)
    b.ok("rate", "SD26YAN", "SPL-04", "2", "--trainer", "KH", "--session", session)
    a.ok("rate", "SD26INE", "SPL-01", "2", "--trainer", "KH")
    b.ok("rate", "SD26INE", "SPL-02", "3", "--trainer", "KH")
    a.ok(
        "trainee",
        "add",
        "--cohort",
        COHORT,
        "--first",
        "Léa",
        "--last",
        "Roux",
        "--code",
        "SD26LEA",
    )
    b.ok(
        "trainee", "add", "--cohort", COHORT, "--first", "Omar", "--last", "Sy", "--code", "SD26OMA"
    )
    a.ok("attend", session, "--all-present", "--late", "SD26YAN=10")
    b.ok("attend", session, "--all-present", "--absent", "SD26INE")
    a.ok("trainee", "edit", "SD26INE", "--phone", "0601020304")
    b.ok("trainee", "edit", "SD26INE", "--phone", "0699887766")
    a.ok("rate", "SD26LEA", "SPL-01", "1", "--trainer", "KH")
    b.ok("rate", "SD26OMA", "SPL-04", "4", "--trainer", "KH")

    school.converge()

    state = school.assert_same_state()
    for expected in ("SD26LEA", "SD26OMA", "SPL-02", '"level": 4', "0601020304", "0699887766"):
        assert expected in state  # both laptops' work is there, the clash reported
    assert segments_in(school.pair.a.folder) == segments_in(school.pair.b.folder)
    school.assert_intact()


def test_a_sync_while_syncthing_is_still_pulling_reads_nothing_half_written(
    school: School,
) -> None:
    a, b, fa, fb = school.a, school.b, school.pair.a.folder, school.pair.b.folder
    school.pair.set_paused(True, school.pair.b)  # B's Syncthing takes nothing meanwhile
    before = segments_in(fa)
    a.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    school.sync(a)
    first = {name for name in segments_in(fa) if name not in before}
    after_first = a.ok("status", "--json")  # what B may know once the first files arrived
    a.ok("rate", "SD26INE", "SPL-01", "2", "--trainer", "KH")
    a.ok(
        "trainee",
        "add",
        "--cohort",
        COHORT,
        "--first",
        "Léa",
        "--last",
        "Roux",
        "--code",
        "SD26LEA",
    )
    school.sync(a)
    later = {name for name in segments_in(fa) if name not in before and name not in first}
    assert first and later
    # FB as an interrupted pull leaves it: the first files arrived whole (Syncthing renames
    # a file into place only once complete), the later ones are Syncthing's temporary files,
    # full length, their first half received and the rest not yet written.
    for name in first:
        target = fb / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(fa / name, target)
    partial: dict[Path, bytes] = {}
    for name in later:
        data = (fa / name).read_bytes()
        temp = (fb / name).with_name(syncthing_temp_name(Path(name).name))
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data[: len(data) // 2] + bytes(len(data) - len(data) // 2))
        partial[temp] = temp.read_bytes()

    synced = school.sync(b)  # no error and nothing set aside (checked by sync)

    assert synced.received == len(first)
    assert b.ok("status", "--json") == after_first  # the whole files, nothing of the others
    # Syncthing's files, left as they were
    assert {temp: temp.read_bytes() if temp.is_file() else None for temp in partial} == partial
    school.pair.set_paused(False, school.pair.b)
    school.sync(b)  # at once, while Syncthing is pulling the rest
    school.pair.wait_in_sync()
    assert not [p for p in fb.rglob(".syncthing.*") if p.is_file()]  # the pull completed
    school.converge()
    assert "SD26LEA" in school.assert_same_state()
    assert segments_in(fa) == segments_in(fb)
    school.assert_intact()


def _conflict_name(name: str, device_id: str) -> str:
    """The name Syncthing gives the losing copy of ``name`` in a conflict."""
    stem, suffix = os.path.splitext(name)
    return f"{stem}.sync-conflict-20261126-103000-{device_id[:7]}{suffix}"


def test_syncthing_conflict_copies_are_harmless(school: School) -> None:
    a, b, fa, fb = school.a, school.b, school.pair.a.folder, school.pair.b.folder
    # A real conflict: with the folder paused on both sides, each changes the same segment. A
    # backup tool rewrites it on A's side (same bytes, new date), a copy cut short tears it
    # on B's side later; Syncthing keeps the later one and renames A's into a conflict copy.
    name = next(n for n in segments_in(fa) if "/_global/" in n)
    good = (fa / name).read_bytes()
    mtime = (fa / name).stat().st_mtime
    school.pair.set_paused(True)
    (fa / name).write_bytes(good)
    os.utime(fa / name, (mtime + 10, mtime + 10))
    (fb / name).write_bytes(good[: len(good) // 2])
    os.utime(fb / name, (mtime + 20, mtime + 20))
    a.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")  # work goes on meanwhile
    b.ok("rate", "SD26INE", "SPL-01", "2", "--trainer", "KH")
    school.pair.set_paused(False)  # each side scans its change, then they meet
    school.pair.wait_in_sync()
    conflicts = {n: d for n, d in segments_in(fa).items() if ".sync-conflict-" in n}
    assert list(conflicts.values()) == [good], conflicts  # Syncthing made the conflict copy
    assert (fa / name).read_bytes() == (fb / name).read_bytes() != good  # and kept the torn one

    school.converge()  # the laptops hold the good bytes: the torn copy is replaced

    assert (fa / name).read_bytes() == (fb / name).read_bytes() == good
    # A conflict copy of a file a laptop lacks, named the way Syncthing names it, is read.
    a.ok(
        "trainee",
        "add",
        "--cohort",
        COHORT,
        "--first",
        "Léa",
        "--last",
        "Roux",
        "--code",
        "SD26LEA",
    )
    before = segments_in(fa)
    school.sync(a)
    (new,) = (n for n in segments_in(fa) if n not in before and "/_global/" not in n)
    (fa / new).rename((fa / new).with_name(_conflict_name(Path(new).name, school.pair.a.device_id)))
    school.pair.wait_in_sync()
    synced = school.sync(b)
    assert synced.received == 1 and "conflit" in synced.out
    assert "SD26LEA" in b.ok("status", "--json")
    school.converge()
    school.assert_same_state()
    assert segments_in(fa) == segments_in(fb)
    assert (fa / new).is_file()  # the canonical name is back
    school.assert_intact()


def test_files_syncthing_deletes_or_renames_are_recovered_from_the_replicas(
    school: School,
) -> None:
    a, b, fa, fb = school.a, school.b, school.pair.a.folder, school.pair.b.folder
    before = segments_in(fa)
    school.pair.set_paused(True)  # each laptop publishes a file the other has not read
    a.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    b.ok("rate", "SD26INE", "SPL-01", "2", "--trainer", "KH")
    school.sync(a)
    school.sync(b)
    (from_a,) = set(segments_in(fa)) - set(before)
    (from_b,) = set(segments_in(fb)) - set(before)
    school.pair.set_paused(False)
    school.pair.wait_in_sync()
    assert (fb / from_a).is_file() and (fa / from_b).is_file()
    # Before the other laptop read them: A's new file is deleted on B's side, B's new file
    # moved out of the segments on A's side, and B's whole global partition removed.
    # Syncthing carries each change to the other folder.
    (fb / from_a).unlink()
    archive = fa / "archive"
    archive.mkdir()
    (fa / from_b).rename(archive / Path(from_b).name)
    shutil.rmtree(fb / SEGMENTS / "_global")
    school.pair.wait_in_sync()
    for folder in (fa, fb):
        assert not (folder / from_a).exists() and not (folder / from_b).exists()
        assert not (folder / SEGMENTS / "_global").exists()
        assert (folder / "archive" / Path(from_b).name).is_file()

    school.converge()  # each laptop re-publishes what the folder lacks

    state = school.assert_same_state()
    assert '"SPL-01"' in state and '"SPL-04"' in state
    assert segments_in(fa) == segments_in(fb)
    for name in (from_a, from_b):
        assert (fa / name).is_file()
    assert (fa / SEGMENTS / "_global").is_dir()
    school.assert_intact()
