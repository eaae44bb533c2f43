"""Bad files are contained: set aside and reported, never a crash, never hiding other data."""

from __future__ import annotations

import shutil
from pathlib import Path

from trainer_tui.storage import GLOBAL, Change, Replica
from trainer_tui.storage.segments import read_segment
from trainer_tui.storage.sync import SyncReport, sync_folder

from .helpers import (
    all_op_ids,
    files_under,
    named_segment,
    open_laptop,
    segments_dir,
    with_header,
)

B, C, D = "bbbb0002", "cccc0003", "dddd0004"
SYNCTHING = ".sync-conflict-20261120-101010-ABCDEFG"
DROPBOX = " (Inès's conflicted copy 2026-11-20)"
NEXTCLOUD = " (conflicted copy 2026-11-20 101010)"
LITTER = [".DS_Store", "Thumbs.db", "desktop.ini"]


def write(replica: Replica, count: int, partition: str = GLOBAL, tag: str = "x") -> None:
    for n in range(count):
        replica.write(partition, [Change("trainee", f"{tag}{n}", {"name": f"Inès {n}"})])


def sealed_by_b(tmp_path: Path, partition: str = GLOBAL) -> list[Path]:
    """Five sealed segments of two ops each, written by laptop B, in seq order."""
    laptop = open_laptop(tmp_path / "laptop-b", B, seal_at=2)
    write(laptop, 10, partition, tag="b")
    laptop.close()
    return sorted((laptop.replica_dir / partition / B).glob("*.json"))


def ops_of(*segments: Path) -> set[str]:
    return {op["id"] for path in segments for op in read_segment(path, GLOBAL, B).ops}


def as_copy(path: Path, suffix: str) -> str:
    return path.name.replace(".json", f"{suffix}.json")


def reasons(source: Replica | SyncReport, root: Path) -> dict[str, str]:
    """Each set-aside file, relative to ``root``, with its reason."""
    return {Path(e.path).relative_to(root).as_posix(): e.reason for e in source.set_aside}


def assert_reasons(got: dict[str, str], expected: dict[str, str]) -> None:
    """Same files; each reason one of those allowed (``a|b``)."""
    assert got.keys() == expected.keys()
    assert all(got[name] in expected[name].split("|") for name in got), got


def bad_folder(tmp_path: Path) -> tuple[Path, list[Path], dict[str, str]]:
    """A sync folder full of damaged, foreign, litter and conflict-copy files.

    Returns the folder, laptop B's good segments, and the reason each bad file must get.
    """
    segs = sealed_by_b(tmp_path)
    data = [p.read_bytes() for p in segs]
    folder = tmp_path / "usb"
    here = segments_dir(folder) / GLOBAL / B
    here.mkdir(parents=True)
    (here / segs[0].name).write_bytes(data[0])  # good
    (here / segs[1].name).write_bytes(data[1][:-7])  # truncated ...
    (here / as_copy(segs[1], SYNCTHING)).write_bytes(data[1])  # ... a good conflict copy
    (here / segs[2].name).write_bytes(b"")  # empty ...
    (here / as_copy(segs[2], DROPBOX)).write_bytes(data[2])
    flipped = bytearray(data[3])
    flipped[60] ^= 0x20
    (here / segs[3].name).write_bytes(bytes(flipped))  # a flipped byte ...
    (here / as_copy(segs[3], NEXTCLOUD)).write_bytes(data[3])
    (here / as_copy(segs[4], SYNCTHING)).write_bytes(data[4][:100])  # only a torn copy
    schema = named_segment(here, 7, b'{"header": {"1": {"format": "a-spreadsheet"}}}')
    newer = named_segment(here, 8, with_header(data[0], v=99))
    (here / "garbage.json").write_bytes(data[0])
    for wrong in (segments_dir(folder) / "cohort-x" / B, segments_dir(folder) / GLOBAL / D):
        wrong.mkdir(parents=True)
        (wrong / segs[0].name).write_bytes(data[0])
    for place in (here, here.parent, segments_dir(folder), folder / "trainer-tui"):
        for name in LITTER:
            (place / name).write_bytes(b"\x00\x01 litter")
    expected = {
        segs[1].name: "damaged",
        segs[2].name: "empty",
        segs[3].name: "damaged",
        as_copy(segs[4], SYNCTHING): "not_json|damaged",  # either is right
        schema.name: "wrong_schema",
        newer.name: "newer_version",
        "garbage.json": "unknown_name",
    }
    return (
        folder,
        segs,
        {
            **{f"{GLOBAL}/{B}/{name}": reason for name, reason in expected.items()},
            f"cohort-x/{B}/{segs[0].name}": "wrong_place",
            f"{GLOBAL}/{D}/{segs[0].name}": "wrong_place",
        },
    )


def test_sync_sets_aside_bad_files_and_merges_conflict_copies(tmp_path: Path) -> None:
    folder, segs, expected = bad_folder(tmp_path)
    before = {p.relative_to(folder).as_posix(): p.read_bytes() for p in files_under(folder)}
    laptop = open_laptop(tmp_path / "laptop-c", C)
    report = sync_folder(laptop, folder)
    assert_reasons(reasons(report, segments_dir(folder)), expected)  # litter: silently ignored
    assert report.conflict_copies == 3
    assert (report.imported_segments, report.imported_ops) == (4, 8)
    assert all_op_ids(laptop) == ops_of(*segs[:4])
    bad = {f"trainer-tui/segments/{name}" for name in expected}
    for name, data in before.items():  # nothing removed, no good file changed
        assert (folder / name).exists() and (name in bad or (folder / name).read_bytes() == data)
    again = sync_folder(laptop, folder)
    assert (again.imported_segments, again.imported_ops) == (0, 0), "never counted twice"
    # Torn copies of segments the laptop now holds are no longer read; the rest still is.
    held = {f"{GLOBAL}/{B}/{seg.name}" for seg in segs[1:4]}
    assert_reasons(
        reasons(again, segments_dir(folder)),
        {name: reason for name, reason in expected.items() if name not in held},
    )
    shutil.copy(segs[4], segments_dir(folder) / GLOBAL / B)  # the good copy arrives later
    assert sync_folder(laptop, folder).imported_ops == 2
    assert all_op_ids(laptop) == ops_of(*segs)
    assert laptop.set_aside == [], "nothing local was damaged"


def test_a_damaged_local_segment_is_quarantined_then_restored_by_sync(tmp_path: Path) -> None:
    folder, segs, _ = bad_folder(tmp_path)
    shutil.copy(segs[4], segments_dir(folder) / GLOBAL / B)
    laptop = open_laptop(tmp_path / "laptop-c", C, seal_at=2)
    write(laptop, 3, tag="c")
    sync_folder(laptop, folder)
    everything = all_op_ids(laptop)
    mine = sorted((laptop.replica_dir / GLOBAL / C).glob("*.json"))
    laptop.close()
    lost = ops_of(segs[0]) | {op["id"] for op in read_segment(mine[0], GLOBAL, C).ops}
    theirs = laptop.replica_dir / GLOBAL / B / segs[0].name
    theirs.write_bytes(theirs.read_bytes()[:-1])
    mine[0].write_bytes(mine[0].read_bytes().replace(b"In\xc3\xa8s", b"Ines!"))
    laptop = open_laptop(tmp_path / "laptop-c", C, seal_at=2)
    assert reasons(laptop, laptop.data_dir) == {
        f"replica/{GLOBAL}/{B}/{segs[0].name}": "damaged",
        f"replica/{GLOBAL}/{C}/{mine[0].name}": "damaged",
    }
    assert not theirs.exists() and not mine[0].exists()
    kept = {p.name[7:] for p in (laptop.data_dir / "quarantine").iterdir()}
    assert kept == {n + e for n in (segs[0].name, mine[0].name) for e in ("", ".why.json")}
    assert all_op_ids(laptop) == everything - lost, "the other files still load"
    sync_folder(laptop, folder)
    assert all_op_ids(laptop) == everything, "the folder's good copies restore the data"


def test_a_corrupted_active_file_is_quarantined_and_the_rest_loads(tmp_path: Path) -> None:
    laptop = open_laptop(tmp_path / "data", C, seal_at=50)
    write(laptop, 3)
    write(laptop, 2, "cohort-a")
    write(laptop, 2, "cohort-b")
    active = laptop.active_dir
    saved = {p.name: p.read_bytes() for p in active.glob("*.json")}
    laptop.seal_all()  # as a sync does: the ops are safe in sealed segments
    laptop.close()
    everything = all_op_ids(laptop)
    (active / "_global.json").write_bytes(saved["_global.json"][:-30])
    (active / "cohort-a.json").write_bytes(b'{"ops": [1, 2]}')
    (active / "cohort-b.json").write_bytes(b'{"ops": {"1": {"id": "not an op"}}}')
    laptop = open_laptop(tmp_path / "data", C, seal_at=50)
    only_global = {"local/active/_global.json": "active_unreadable"}
    assert reasons(laptop, laptop.data_dir) == only_global, "cohorts load on demand"
    assert all_op_ids(laptop) == everything, "loads every partition: the rest is intact"
    assert reasons(laptop, laptop.data_dir) == {
        **only_global,
        "local/active/cohort-a.json": "active_unreadable",
        "local/active/cohort-b.json": "active_unreadable",
    }
    write(laptop, 1, tag="after")
    laptop.close()
    laptop = open_laptop(tmp_path / "data", C, seal_at=50)
    assert laptop.set_aside == [] and len(all_op_ids(laptop)) == len(everything) + 1
    assert len(list((laptop.data_dir / "quarantine").glob("*-cohort-?.json"))) == 2


def test_a_zero_length_active_file_is_reported_not_taken_as_empty(tmp_path: Path) -> None:
    """R3: a zero-length file never counts as "no data" (storage bug: it does today)."""
    laptop = open_laptop(tmp_path / "data", C, seal_at=50)
    write(laptop, 3)
    laptop.close()
    (laptop.active_dir / "_global.json").write_bytes(b"")
    laptop = open_laptop(tmp_path / "data", C, seal_at=50)
    assert reasons(laptop, laptop.data_dir) == {"local/active/_global.json": "active_unreadable"}


def test_an_altered_conflict_copy_is_set_aside_not_merged(tmp_path: Path) -> None:
    """A conflict copy whose bytes no longer match the hash in its name is damaged.

    Regression: read_segment skips the hash check for conflict-copy names, so a copy with a
    changed value (still valid JSON) is imported as a second segment with the same seq and
    op ids but other content, and is then re-published to every folder.
    """
    segs = sealed_by_b(tmp_path)
    folder = tmp_path / "usb"
    here = segments_dir(folder) / GLOBAL / B
    here.mkdir(parents=True)
    shutil.copy(segs[0], here)
    altered = segs[0].read_bytes().replace(b"In\xc3\xa8s 0", b"Ines 9")
    (here / as_copy(segs[0], DROPBOX)).write_bytes(altered)
    laptop = open_laptop(tmp_path / "laptop-c", C)
    report = sync_folder(laptop, folder)
    copy_name = f"{GLOBAL}/{B}/{as_copy(segs[0], DROPBOX)}"
    assert reasons(report, segments_dir(folder)) == {copy_name: "damaged"}
    entity = laptop.partition(GLOBAL).get("trainee", "b0")
    assert entity is not None and entity.values["name"] == "Inès 0", "the altered value lost"
    assert [p.name for p in (laptop.replica_dir / GLOBAL / B).iterdir()] == [segs[0].name]
    assert not laptop.partition(GLOBAL).clashes


def test_sync_never_publishes_a_damaged_local_segment(tmp_path: Path) -> None:
    """Regression: sync copies local segments to the folder without checking their hash."""
    laptop = open_laptop(tmp_path / "data", C, seal_at=2)
    write(laptop, 4, "cohort-a")
    laptop.close()
    first = sorted((laptop.replica_dir / "cohort-a" / C).glob("*.json"))[0]
    first.write_bytes(first.read_bytes()[:-20])  # e.g. a disk error, or a torn import
    laptop = open_laptop(tmp_path / "data", C, seal_at=2)  # cohort-a is not loaded yet
    folder = tmp_path / "usb"
    folder.mkdir()
    sync_folder(laptop, folder)
    for path in files_under(segments_dir(folder)):
        read_segment(path, path.parent.parent.name, path.parent.name)


def test_sync_repairs_a_damaged_copy_in_the_folder(tmp_path: Path) -> None:
    """A laptop holding the good copy replaces a torn copy of the same name in the folder.

    Regression: the torn copy stays forever, so a laptop that only syncs with this folder
    never receives those ops even after every other laptop synced with it.
    """
    segs = sealed_by_b(tmp_path)
    folder = tmp_path / "usb"
    here = segments_dir(folder) / GLOBAL / B
    here.mkdir(parents=True)
    for seg in segs:
        shutil.copy(seg, here)
    (here / segs[2].name).write_bytes(segs[2].read_bytes()[:-3])  # an interrupted copy
    holder = open_laptop(tmp_path / "laptop-c", C)
    for seg in segs:  # C got every segment of B intact, from another folder
        holder.import_segment(read_segment(seg, GLOBAL, B))
    sync_folder(holder, folder)
    fresh = open_laptop(tmp_path / "laptop-d", D)
    sync_folder(fresh, folder)
    assert all_op_ids(fresh) == ops_of(*segs)
