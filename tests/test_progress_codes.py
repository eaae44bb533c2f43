"""Signed progress codes: packing, signatures, QR codes read back as a phone would."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.cli_helpers import cli_on
from tests.workspaces import open_workspace
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort
from trainer_tui.domain.progress import current_levels
from trainer_tui.exports.progress_code import (
    PayloadError,
    ProgressPayload,
    catalogue_ref,
    decode,
    from_text,
    pack_levels,
    short_digest,
    to_text,
    unpack_levels,
)
from trainer_tui.exports.qr import qr_png, qr_version
from trainer_tui.exports.signing import TrustedKey, new_private_key, public_key_of, sign, verify
from trainer_tui.services import keys, laptops, preferences, progress_codes
from trainer_tui.services.syncing import sync
from trainer_tui.services.workspace import Workspace

KEY = bytes(range(32))  # a fixed key: the same codes every run
PUBLIC = public_key_of(KEY)


def payload(
    levels: tuple[int, ...] = tuple(i % 5 for i in range(100)), **changes: object
) -> ProgressPayload:
    values: dict[str, object] = dict(
        key_id=short_digest(PUBLIC),
        catalogue_ref=catalogue_ref("ftth-technicien", "1.0"),
        issued_on=dt.date(2026, 11, 26),
        training_minutes=225 * 60,
        driving_minutes=750,
        code="SD26A6R",
        first_name="Youssouf",
        levels=levels,
    )
    return ProgressPayload(**(values | changes))  # type: ignore[arg-type]


def read_qr(image: Image.Image) -> str:
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, found
    return found[0].text


@given(st.lists(st.integers(0, 7), max_size=300))
def test_levels_pack_and_unpack(levels: list[int]) -> None:
    packed = pack_levels(tuple(levels))
    assert len(packed) == (3 * len(levels) + 7) // 8
    assert unpack_levels(packed, len(levels)) == tuple(levels)


def test_a_signed_payload_round_trips_and_fits_version_10_at_level_m() -> None:
    data = sign(payload(code="ABCDEFGHIJKL", first_name="Marie-Éléonore-Anne"), KEY)
    assert decode(data)[0] == payload(code="ABCDEFGHIJKL", first_name="Marie-Éléonore-Anne")
    assert qr_version(to_text(data)) <= 10
    verdict = verify(
        from_text("https://x.example/p.html#" + to_text(data)), [TrustedKey(PUBLIC, "A")]
    )
    assert verdict.authentic and verdict.signer is not None and verdict.signer.label == "A"


def test_changing_any_byte_fails_verification() -> None:
    data = sign(payload(), KEY)
    trusted = [TrustedKey(PUBLIC, "A")]
    for index in range(len(data)):
        damaged = bytearray(data)
        damaged[index] ^= 0x01
        try:
            verdict = verify(bytes(damaged), trusted)
        except PayloadError:
            continue  # no longer a payload at all: refused as well
        assert not verdict.authentic, index


def test_an_unknown_key_is_not_trusted() -> None:
    data = sign(payload(), KEY)
    other = public_key_of(new_private_key())
    assert verify(data, [TrustedKey(other, "B")]).problem == "unknown_key"
    with pytest.raises(PayloadError):
        sign(payload(key_id=short_digest(other)), KEY)
    with pytest.raises(PayloadError):
        decode(b"\x02" + data[1:])


def test_qr_png_is_read_back_by_zxing() -> None:
    content = "https://fibre.example/p.html#" + to_text(sign(payload(), KEY))
    assert read_qr(Image.open(io.BytesIO(qr_png(content)))) == content


def test_many_different_codes_all_read_back() -> None:
    """A phone must read every trainee's code, not most: 40 keys and level patterns."""
    for number in range(40):
        key = hashlib.sha256(f"key {number}".encode()).digest()
        levels = tuple((number * 7 + i * (number % 5 + 1)) % 5 for i in range(100))
        data = sign(payload(levels, key_id=short_digest(public_key_of(key))), key)
        content = "https://fibre.example/p.html#" + to_text(data)
        assert read_qr(Image.open(io.BytesIO(qr_png(content, scale=4)))) == content, number


@pytest.fixture
def cohort(demo_ws: Workspace) -> Cohort:
    return demo_ws.cohorts()[0]


def test_a_trainees_code_carries_their_current_levels(demo_ws: Workspace, cohort: Cohort) -> None:
    records = demo_ws.cohort_records(cohort)
    trainee = records.trainees[0]
    text = progress_codes.signed_code(demo_ws, cohort, trainee)
    checked = progress_codes.check_code(demo_ws, text)
    assert checked.verdict.authentic and checked.catalogue is demo_ws.catalogue
    levels = current_levels(a for a in records.assessments if a.trainee_id == trainee.id)
    order = progress_codes.skill_order(demo_ws.catalogue)
    assert dict(zip(order, checked.verdict.payload.levels, strict=True)) == {
        skill: levels.get(skill, 0) for skill in order
    }
    assert checked.verdict.payload.first_name == ""  # left out unless asked
    # Without a viewer address, the QR code holds a readable summary instead.
    assert trainee.code in progress_codes.qr_content(demo_ws, cohort, trainee)
    preferences.set_paperwork(demo_ws, "viewer_url", "https://fibre.example/p.html")
    assert progress_codes.qr_content(demo_ws, cohort, trainee).startswith(
        "https://fibre.example/p.html#"
    )


def test_keys_travel_through_the_sync_folder_once_paired(
    demo_ws: Workspace, ui_catalogue: Catalogue, tmp_path: Path
) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    code = progress_codes.signed_code(demo_ws, cohort, trainee)
    folder = tmp_path / "usb"
    folder.mkdir()
    other = open_workspace(
        tmp_path / "other", ui_catalogue, "other", device_id="newcomer", enrolled=False
    )
    try:
        assert progress_codes.check_code(other, code).verdict.problem == "unknown_key"
        sync(demo_ws, folder)
        sync(other, folder)
        assert progress_codes.check_code(other, code).verdict.problem == "unknown_key"
        pairing_code, _ = laptops.invite(demo_ws)
        laptops.join(other, pairing_code)
        for ws in (other, demo_ws, other):
            sync(ws, folder)
        verdict = progress_codes.check_code(other, code).verdict
        assert verdict.authentic
        assert verdict.signer is not None and verdict.signer.label == keys.own_label(demo_ws)
    finally:
        other.close()


def test_sheets_and_verify_from_the_command_line(
    demo_ws: Workspace,
    cohort: Cohort,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    preferences.set_paperwork(demo_ws, "viewer_url", "https://fibre.example/p.html")
    trainees = demo_ws.cohort_records(cohort).trainees
    cli = cli_on(demo_ws, capsys, monkeypatch)
    target = tmp_path / "sheets.pdf"
    cli.ok("sheets", "--cohort", cohort.name, "-o", str(target))
    document = pdfium.PdfDocument(target.read_bytes())
    assert len(document) == len(trainees)
    page = document[1]
    assert trainees[1].code in page.get_textpage().get_text_range()
    url = read_qr(page.render(scale=2).to_pil())  # as a phone reads the printed page
    assert url.startswith("https://fibre.example/p.html#")

    said = cli.ok("verify", url)
    assert said.startswith("Authentique") and trainees[1].code in said
    assert "SPL Épissurage" in said
    damaged = bytearray(from_text(url))
    damaged[12] ^= 0x04  # training minutes changed
    bad = cli("verify", to_text(bytes(damaged)))
    assert bad.code == 1 and "FALSIFIÉ" in bad.out
    garbage = cli("verify", "not a code")
    assert garbage.code == 1 and garbage.err.count("\n") == 1

    said = cli.ok("viewer", "build", str(tmp_path / "site"))
    page = (tmp_path / "site" / "progres.html").read_text("utf-8")
    assert "viewer_url" in said and "SPL-04" in page
    assert (tmp_path / "site" / "progres.html").stat().st_mode & 0o044  # readable to publish
