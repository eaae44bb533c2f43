"""An attacker with write access to the sync folder changes nothing (issue 13).

Each test builds laptops of one school (tests/storage/helpers.py), lets someone write into
the folder, and checks that every laptop's state is unchanged and the file reported.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from trainer_tui.storage import GLOBAL, Change, Replica
from trainer_tui.storage.laptops import open_replica
from trainer_tui.storage.ops import make_op
from trainer_tui.storage.segments import encode_segment, segment_name
from trainer_tui.storage.signature import SigningKey
from trainer_tui.storage.sync import sync_folder

from .helpers import T0, FakeWall, files_under, open_laptop, school_key, segments_dir, state_of

A, B = "aaaa0001", "bbbb0002"
OUTSIDER = SigningKey(bytes(range(32)))


def _school(tmp_path: Path) -> tuple[Path, Replica, Replica]:
    folder = tmp_path / "usb"
    folder.mkdir()
    a = open_laptop(tmp_path / "a", A)
    b = open_laptop(tmp_path / "b", B)
    a.write(GLOBAL, [Change("trainee", "t1", {"last_name": "Benali", "phone": "0611"})])
    sync_folder(a, folder)
    sync_folder(b, folder)
    return folder, a, b


def _plant(folder: Path, device: str, key: SigningKey, seq: int = 99, wall: int = T0) -> Path:
    """A correctly named segment claiming ``device``, setting a trainee's name and phone."""
    op = make_op("f" * 16, (wall, 0), device, "trainee", "t1", {"last_name": "Pirate"}, [])
    data = key.signed_segment(encode_segment(GLOBAL, device, seq, [op]))
    target = segments_dir(folder) / GLOBAL / device
    target.mkdir(parents=True, exist_ok=True)
    path = target / segment_name(seq, data)
    path.write_bytes(data)
    return path


def test_a_segment_forged_under_another_laptops_id_is_refused(tmp_path: Path) -> None:
    folder, _a, b = _school(tmp_path)
    before = state_of(b)
    forged = _plant(folder, A, OUTSIDER)
    report = sync_folder(b, folder)
    assert state_of(b) == before
    assert [(s.path, s.reason) for s in report.set_aside] == [(str(forged), "unknown_key")]
    assert forged.exists(), "left where it is, untouched"


def test_a_laptop_that_never_joined_is_refused_and_one_signing_as_another_too(
    tmp_path: Path,
) -> None:
    folder, _a, b = _school(tmp_path)
    before = state_of(b)
    stranger = _plant(folder, "eeee0005", OUTSIDER)
    # B's own key used for a segment claiming to be A's: a key that is not its device's.
    posing = _plant(folder, A, school_key(B), seq=98)
    report = sync_folder(b, folder)
    reasons = {s.path: s.reason for s in report.set_aside}
    assert reasons == {str(stranger): "unknown_key", str(posing): "key_mismatch"}
    assert state_of(b) == before


def test_a_changed_body_breaks_the_signature(tmp_path: Path) -> None:
    folder, _a, _b = _school(tmp_path)
    original = next(files_under(segments_dir(folder) / GLOBAL / A))
    data = original.read_bytes().replace(b"Benali", b"Pirate")
    seq = int(original.name[:8]) + 50
    renamed = original.with_name(segment_name(seq, data))
    renamed.write_bytes(data.replace(b'"seq":1', f'"seq":{seq}'.encode()))
    renamed.rename(renamed.with_name(segment_name(seq, renamed.read_bytes())))
    fresh = open_laptop(tmp_path / "c", "cccc0003")
    report = sync_folder(fresh, folder)
    assert {s.reason for s in report.set_aside} == {"bad_signature"}
    assert fresh.partition(GLOBAL).get("trainee", "t1").values["last_name"] == "Benali"


def test_a_replaced_descriptor_key_adds_no_trust(tmp_path: Path) -> None:
    folder, _a, b = _school(tmp_path)
    for path in (folder / "trainer-tui" / "devices").glob("*.json"):
        record = json.loads(path.read_bytes())
        record["key"] = "A" * 43 + "="
        path.write_text(json.dumps(record))
    keys_before = {d: set(k) for d, k in b.trust.keys.items()}
    sync_folder(b, folder)
    assert b.trust.keys == keys_before


def test_symlinks_in_the_folder_are_never_followed(tmp_path: Path) -> None:
    folder, a, _b = _school(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("keep")
    linked = segments_dir(folder) / "cohort-x"
    linked.symlink_to(outside, target_is_directory=True)
    (segments_dir(folder) / GLOBAL / "cccc0003").symlink_to(outside, target_is_directory=True)
    a.write("cohort-x", [Change("trainee", "t2", {"last_name": "Roux"})])
    report = sync_folder(a, folder)
    assert sorted(os.listdir(outside)) == ["secret.txt"], "nothing written outside"
    assert {s.reason for s in report.set_aside} == {"symlink"}


def test_a_damaged_copy_of_the_same_size_is_repaired_from_a_replica(tmp_path: Path) -> None:
    folder, _a, b = _school(tmp_path)
    good = next(files_under(segments_dir(folder) / GLOBAL / A))
    data = good.read_bytes()
    at = data.index(b"Benali")
    damaged = data[:at] + b"X" + data[at + 1 :]
    good.write_bytes(damaged)
    report = sync_folder(b, folder)
    assert report.repaired_segments == 1 and good.read_bytes() == data
    fresh = open_laptop(tmp_path / "c", "cccc0003")
    sync_folder(fresh, folder)
    assert state_of(fresh)[GLOBAL]["ops"] == state_of(b)[GLOBAL]["ops"]


def test_a_stamp_years_ahead_is_set_aside_and_never_adopted(tmp_path: Path) -> None:
    folder, _a, b = _school(tmp_path)
    year_2100 = 4_102_444_800_000
    planted = _plant(folder, A, school_key(A), wall=year_2100)
    report = sync_folder(b, folder)
    assert (str(planted), "from_the_future") in {(s.path, s.reason) for s in report.set_aside}
    assert b.partition(GLOBAL).get("trainee", "t1").values["last_name"] == "Benali"
    assert b.clock.now()[0] < year_2100


def test_a_copied_data_folder_becomes_a_laptop_of_its_own(tmp_path: Path) -> None:
    folder, a, b = _school(tmp_path)
    a.write(GLOBAL, [Change("trainee", "t3", {"last_name": "Active"})])
    a.close()
    shutil.copytree(tmp_path / "a", tmp_path / "a-copy")
    copy = open_replica(tmp_path / "a-copy", wall=FakeWall())
    assert copy.device.id != A and copy.key.public != a.key.public
    copy.write(GLOBAL, [Change("trainee", "t4", {"last_name": "Copie"})])
    original = open_laptop(tmp_path / "a", A)
    files_before = {p: p.read_bytes() for p in files_under(folder)}
    for laptop in (copy, original, b, copy, original):
        report = sync_folder(laptop, folder)
        assert report.set_aside == [], report.set_aside
    for path, data in files_before.items():
        assert path.read_bytes() == data, f"{path} was rewritten"
    assert state_of(copy)[GLOBAL] == state_of(original)[GLOBAL] == state_of(b)[GLOBAL]
    # B trusts the copy's new key through the vouch of the key it inherited, unpaired.
    assert copy.key.public in b.trust.keys[copy.device.id]
    copy.close()
    original.close()
