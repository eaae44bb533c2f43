"""Segments written before signing (version 1) reach the other laptops once vouched for.

Issue 13, Deliver 1: existing unsigned data is kept. The laptop that held it vouches for it
at its first opening after the upgrade; the other laptops then take it from the folder,
where before they set it aside as unsigned.
"""

from __future__ import annotations

from pathlib import Path

from trainer_tui.storage import GLOBAL, Replica
from trainer_tui.storage.laptops import open_replica
from trainer_tui.storage.legacy import LEGACY_FILE, unsigned_held, vouch_for_legacy
from trainer_tui.storage.local import LOCAL_DIR
from trainer_tui.storage.ops import make_op
from trainer_tui.storage.segments import SEGMENT_FORMAT, segment_name
from trainer_tui.storage.sync import sync_folder
from trainer_tui.storage.tiny import dump_tinydb
from trainer_tui.storage.trust import VOUCH

from .helpers import T0, FakeWall, id_source, open_laptop, segments_dir

A, B = "aaaa0001", "bbbb0002"


def _held_before_the_upgrade(replica: Replica) -> Path:
    """A version 1 segment of ``replica``'s own, as the previous version wrote them."""
    op = make_op("0" * 16, (T0 - 86_400_000, 0), A, "trainee", "t-old", {"last_name": "Ancien"}, [])
    header = {"format": SEGMENT_FORMAT, "v": 1, "part": GLOBAL, "dev": A, "seq": 1, "count": 1}
    data = dump_tinydb({"header": {"1": header}, "ops": {"1": op}})
    folder = replica.replica_dir / GLOBAL / A
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / segment_name(1, data)
    path.write_bytes(data)
    return path


def _name(replica: Replica) -> object:
    entity = replica.partition(GLOBAL).get("trainee", "t-old")
    return entity.values.get("last_name") if entity else None


def test_unsigned_segments_are_vouched_for_once_and_then_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    a = open_laptop(tmp_path / "a", A)
    path = _held_before_the_upgrade(a)
    a.close()
    a = open_laptop(tmp_path / "a", A)
    b = open_laptop(tmp_path / "b", B)
    assert _name(a) == "Ancien"  # kept and read on the laptop that held it
    assert len(unsigned_held(a)) == 1

    sync_folder(a, folder)
    refused = sync_folder(b, folder)
    assert _name(b) is None
    assert [s.reason for s in refused.set_aside] == ["unsigned"]

    assert vouch_for_legacy(a) == 1
    assert vouch_for_legacy(a) == 0  # once
    assert (a.data_dir / LOCAL_DIR / LEGACY_FILE).exists()
    sync_folder(a, folder)
    accepted = sync_folder(b, folder)
    assert accepted.set_aside == []
    assert _name(b) == "Ancien"
    # Published as it was, under its old name: nothing rewritten, nothing sent twice.
    assert (
        segments_dir(folder) / path.relative_to(a.replica_dir)
    ).read_bytes() == path.read_bytes()
    a.close()
    b.close()


def test_a_laptop_with_nothing_unsigned_writes_no_vouch(tmp_path: Path) -> None:
    a = open_laptop(tmp_path / "a", A)
    assert vouch_for_legacy(a) == 0
    assert list(a.partition(GLOBAL).of_kind(VOUCH)) == []
    a.close()


def test_opening_a_data_folder_after_the_upgrade_vouches_for_it(tmp_path: Path) -> None:
    a = open_laptop(tmp_path / "a", A)
    _held_before_the_upgrade(a)
    a.close()
    opened = open_replica(tmp_path / "a", device_id=A, wall=FakeWall(), new_id=id_source("x"))
    try:
        assert set(unsigned_held(opened)) <= opened.trust.vouched
        assert len(list(opened.partition(GLOBAL).of_kind(VOUCH))) == 1
    finally:
        opened.close()
