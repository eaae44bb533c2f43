"""One writer per device, copying never destroys, laptops converge, private files, flat cost."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trainer_tui.storage import StoreLocked, SyncFolderInvalid, sync_folder
from trainer_tui.storage.files import write_atomic
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.segments import content_hash, parse_name, read_segment
from trainer_tui.storage.signature import split_signed
from trainer_tui.storage.sync import DEVICES_DIR, SYNC_ROOT

from .helpers import (
    HOUR,
    FakeWall,
    all_op_ids,
    copies,
    edit,
    files_under,
    open_laptop,
    segments_dir,
    state_of,
)

A, B, C = "aaaa0001", "bbbb0002", "cccc0003"
TRY_OPEN = (
    "import sys, pathlib, trainer_tui.storage as s\n"
    "try: s.Replica.open(pathlib.Path(sys.argv[1])).close(); print('opened')\n"
    "except s.StoreLocked: print('locked')\n"
)


def try_open_elsewhere(data: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TRY_OPEN, str(data)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_second_process_is_refused_while_the_store_is_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Replica.open(data)
    assert try_open_elsewhere(data) == "locked"
    with pytest.raises(StoreLocked):
        Replica.open(data)
    first.close()
    assert try_open_elsewhere(data) == "opened"
    Replica.open(data).close()


@pytest.fixture
def recorded_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Every file sync writes into a folder, with the device that wrote it."""
    log: dict[str, Any] = {"device": None, "writes": defaultdict(set)}

    def spy(path: Path, data: bytes, *, durable: bool = True) -> None:
        log["writes"][path].add((log["device"], hashlib.sha256(data).hexdigest()))
        write_atomic(path, data, durable=durable)

    monkeypatch.setattr("trainer_tui.storage.sync.write_atomic", spy)
    yield log


def test_no_file_is_written_by_two_devices_and_laptops_converge(
    tmp_path: Path, recorded_writes: dict[str, Any]
) -> None:
    walls = {dev: FakeWall() for dev in (A, B, C)}
    walls[C].advance(-6 * HOUR)  # C's clock is wrong
    laptops = {dev: open_laptop(tmp_path / dev, dev, wall=walls[dev]) for dev in (A, B, C)}
    f1, f2 = tmp_path / "usb", tmp_path / "nextcloud"
    f1.mkdir()
    f2.mkdir()
    route = [(A, f1), (B, f1), (B, f2), (C, f2)]

    def sync(dev: str, folder: Path) -> None:
        recorded_writes["device"] = dev
        sync_folder(laptops[dev], folder)

    for round_ in range(4):
        for number, (dev, laptop) in enumerate(laptops.items()):
            walls[dev].advance(1_000 * (number + 1))
            edit(laptop, "shared", level=round_ * 10 + number)  # concurrent edits
            edit(laptop, f"{dev}-{round_}", "cohort-7", name=f"Trainee {dev}", level=round_)
            if round_ == 2:
                edit(laptop, f"{dev}-0", "cohort-7", deleted=True)
        for dev, folder in route[round_ % 2 :: 1 + round_ % 2]:
            sync(dev, folder)
    for dev, folder in [*route, (B, f1), (A, f1)]:  # a full exchange
        sync(dev, folder)
    states = [state_of(laptop) for laptop in laptops.values()]
    assert states[0] == states[1] == states[2]
    assert states[0][GLOBAL]["conflicts"], "the concurrent edits of 'shared' are flagged"
    assert all_op_ids(laptops[A]) == all_op_ids(laptops[B]) == all_op_ids(laptops[C])
    assert len(all_op_ids(laptops[A])) == 4 * 3 * 2 + 3
    for folder in (f1, f2):
        for path in files_under(segments_dir(folder)):
            part, dev = path.parent.parent.name, path.parent.name
            assert json.loads(path.read_bytes())["header"]["1"]["dev"] == dev
            assert read_segment(path, part, dev).name == path.name
    for folder, devices in ((f1, {A, B}), (f2, {B, C})):
        descriptors = list((folder / SYNC_ROOT / DEVICES_DIR).glob("*.json"))
        assert {p.stem.split("-")[0] for p in descriptors} == devices
        assert all(json.loads(p.read_bytes())["id"] == p.stem.split("-")[0] for p in descriptors)
    for laptop in laptops.values():
        for path in files_under(laptop.replica_dir):
            assert read_segment(path, path.parent.parent.name, path.parent.name)
    for path, writes in recorded_writes["writes"].items():
        if path.parent.name == DEVICES_DIR:
            assert {writer for writer, _ in writes} == {path.stem}, "only its device"
        else:
            assert len({digest for _, digest in writes}) == 1, "a name never has two contents"
            body = split_signed(path.read_bytes()).body
            assert content_hash(body) == parse_name(path.name)[1]  # type: ignore[index]


def test_a_laptop_clock_hours_behind_cannot_undo_what_it_saw(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    right, behind = FakeWall(), FakeWall()
    behind.advance(-5 * HOUR)
    a = open_laptop(tmp_path / "a", A, wall=right)
    b = open_laptop(tmp_path / "b", B, wall=behind)
    edit(a, "t1", level=2)
    sync_folder(a, folder), sync_folder(b, folder)
    edit(b, "t1", level=3)  # B saw A's edit: its edit comes after, whatever its clock says
    sync_folder(b, folder), sync_folder(a, folder)
    for laptop in (a, b):
        entity = laptop.partition(GLOBAL).get("trainee", "t1")
        assert entity is not None and entity.values["level"] == 3
        assert laptop.partition(GLOBAL).conflicts() == []
    right.advance(HOUR)
    behind.advance(HOUR)
    edit(a, "t1", name="Inès B.")  # neither sees the other's edit
    edit(b, "t1", name="Ines Benali")
    sync_folder(a, folder), sync_folder(b, folder), sync_folder(a, folder)
    flagged = [laptop.partition(GLOBAL).conflicts() for laptop in (a, b)]
    assert flagged[0] == flagged[1] and len(flagged[0]) == 1
    assert set(flagged[0][0].values) == {"Inès B.", "Ines Benali"}
    edit(b, "t1", name="Inès Benali")  # resolved on B, which saw both
    sync_folder(b, folder), sync_folder(a, folder)
    for laptop in (a, b):
        entity = laptop.partition(GLOBAL).get("trainee", "t1")
        assert entity is not None and entity.values["name"] == "Inès Benali"
        assert laptop.partition(GLOBAL).conflicts() == []


def test_a_deletion_survives_stale_copies_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    a = open_laptop(tmp_path / "a", A)
    edit(a, "t1", name="Inès", level=2)
    sync_folder(a, folder)
    old = copies(folder, tmp_path / "old")  # a stick copied before the deletion
    edit(a, "t1", deleted=True)
    sync_folder(a, folder)
    new = copies(folder, tmp_path / "new")

    def stale(name: str) -> Path:
        return copies(old, tmp_path / f"old-{name}")

    def deleted(replica: Replica) -> bool:
        entity = replica.partition(GLOBAL).get("trainee", "t1")
        return entity is not None and entity.deleted

    sync_folder(a, stale("a"))  # the laptop that deleted meets the old stick
    assert deleted(a)
    b = open_laptop(tmp_path / "b", B)  # a laptop that only had the old copy
    sync_folder(b, stale("b"))
    assert not deleted(b)
    sync_folder(b, new)
    sync_folder(b, stale("b-again"))
    assert deleted(b)
    for first in ("old", "new"):  # fresh laptops see both copies, in either order
        c = open_laptop(tmp_path / f"c-{first}", C)
        for source in [stale(first), new] if first == "old" else [new, stale(first)]:
            sync_folder(c, source)
        assert deleted(c) and list(c.partition(GLOBAL).of_kind("trainee")) == []
        c.close()
    shutil.rmtree(folder)  # the shared folder replaced by the old stick's content
    shutil.copytree(old, folder)
    sync_folder(a, folder)  # A publishes its deletion again
    d = open_laptop(tmp_path / "d", "dddd0004")
    sync_folder(d, folder)
    assert deleted(d)


def test_a_stale_usb_stick_copied_over_a_newer_folder_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = open_laptop(tmp_path / "a", A), open_laptop(tmp_path / "b", B)
    for n in range(3):
        edit(a, f"a{n}", name=f"A{n}")
    sync_folder(a, folder)
    stick = copies(folder, tmp_path / "stick")
    for n in range(5):
        edit(a, f"a{n}", level=n)
        edit(b, f"b{n}", name=f"B{n}")
    sync_folder(a, folder), sync_folder(b, folder), sync_folder(a, folder)
    again = sync_folder(a, folder)
    assert (again.published_segments, again.imported_segments) == (0, 0), "idempotent"
    names_before = {p.relative_to(folder): p.read_bytes() for p in files_under(folder)}
    shutil.copytree(stick, folder, dirs_exist_ok=True)  # the old stick copied over
    after = {p.relative_to(folder): p.read_bytes() for p in files_under(folder)}
    assert after == names_before, "same names, same bytes: nothing shrank or changed"
    shutil.copytree(folder, stick, dirs_exist_ok=True)  # and the other way round
    for source in (folder, stick):
        fresh = open_laptop(tmp_path / f"fresh-{source.name}", C)
        sync_folder(fresh, source)
        assert all_op_ids(fresh) == all_op_ids(a) == all_op_ids(b)
        assert state_of(fresh) == state_of(a)
        fresh.close()


def laptop_and_folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "usb"
    folder.mkdir()
    laptop = open_laptop(tmp_path / "data", A, seal_at=3)
    for partition in (GLOBAL, "cohort-7"):
        for n in range(4):
            edit(laptop, f"t{n}", partition, name="Inès")
    sync_folder(laptop, folder)
    edit(laptop, "t9", "cohort-8", name="Inès")  # left in an active file
    laptop._lock.release()  # leave it as a crash would: lock and active files on disk
    return laptop.data_dir, folder / SYNC_ROOT


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.usefixtures("umask_022")
def test_data_files_are_private_and_local_files_never_travel(tmp_path: Path) -> None:
    data, synced = laptop_and_folder(tmp_path)
    assert (data / "local" / "lock").exists() and (data / "local" / "active").is_dir()
    for root in (data, synced):
        for path in files_under(root):
            assert path.stat().st_mode & 0o777 == 0o600, path
    travelled = {p.relative_to(synced).parts[0] for p in synced.rglob("*")}
    assert travelled == {"segments", DEVICES_DIR}
    assert not [p for p in synced.rglob("*") if p.name in {"local", "active", "lock"}]
    assert not [p for p in synced.rglob("*") if p.name == "device.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.usefixtures("umask_022")
def test_data_folders_are_private(tmp_path: Path) -> None:
    """Regression: ensure_dir's ``mkdir(parents=True)`` gives parents the umask mode."""
    data, synced = laptop_and_folder(tmp_path)
    folders = [data, synced, *(p for root in (data, synced) for p in root.rglob("*"))]
    wrong = {
        p.relative_to(tmp_path).as_posix(): oct(p.stat().st_mode & 0o777)
        for p in folders
        if p.is_dir() and p.stat().st_mode & 0o777 != 0o700
    }
    assert wrong == {}


def test_sync_refuses_a_folder_inside_the_data_folder(tmp_path: Path) -> None:
    laptop = open_laptop(tmp_path / "data", A)
    inside = laptop.data_dir / "replica" / "usb"
    inside.mkdir(parents=True)
    (tmp_path / "link").symlink_to(inside)
    for folder in (inside, laptop.data_dir, tmp_path, tmp_path / "link"):
        with pytest.raises(SyncFolderInvalid) as caught:
            sync_folder(laptop, folder)
        assert caught.value.reason == "sync_inside_data"
    (tmp_path / "a-file").write_text("x")
    for folder in (tmp_path / "missing", tmp_path / "a-file"):
        with pytest.raises(SyncFolderInvalid) as caught:
            sync_folder(laptop, folder)
        assert caught.value.reason == "sync_not_a_folder"
    assert not (inside / SYNC_ROOT).exists()


def test_the_cost_of_a_save_does_not_grow_with_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[tuple[int, int]] = []  # (ops in the active file, bytes written) per save

    def spy(path: Path, data: bytes, *, durable: bool = True) -> None:
        saves.append((data.count(b'"hlc":'), len(data)))  # what a save would write
        path.touch()  # for speed: the storage keeps what it wrote in memory

    monkeypatch.setattr("trainer_tui.storage.tiny.write_atomic", spy)
    seal_at = 32
    laptop = open_laptop(tmp_path / "data", A, seal_at=seal_at)
    for n in range(5_000):
        eid = f"t{n % 7}" if n % 3 == 0 else f"mark-{n}"  # profile edits and new facts
        edit(laptop, eid, "cohort-7", level=n % 5, note="0.04 dB")
    assert len(saves) == 5_000
    assert max(ops for ops, _ in saves) == seal_at
    first, last = saves[:500], saves[-500:]
    assert max(size for _, size in last) <= 1.05 * max(size for _, size in first)
    assert saves[-1][0] == 5_000 % seal_at, "what the active file holds now"
    sealed = list((laptop.replica_dir / "cohort-7" / A).glob("*.json"))
    assert len(sealed) == 5_000 // seal_at
