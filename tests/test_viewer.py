"""The progress viewer page in headless Chromium: what a phone shows for each progress code.

The page's JavaScript decodes the payload and checks its Ed25519 signature with WebCrypto, so
the behaviour tests run the real page in Chromium (``--dump-dom`` after the scripts ran) and
read the DOM through the ids and ``data-`` attributes the page promises. Every page is
rendered once per run, in parallel, and shared by the pytest-xdist workers.

The pages and Chromium's runs are in tests/viewer_pages.py; the embedded data and the
template are tested without a browser in tests/test_viewer_embedded.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from filelock import FileLock

from tests.viewer_pages import (
    CHROMIUM,
    LABEL,
    LEVELS,
    NO_CHROMIUM,
    SCREENSHOTS,
    Dom,
    needs_chromium,
    render_all,
)
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.exports.progress_code import from_text
from trainer_tui.exports.signing import TrustedKey, verify


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """The folder holding each case's dumped DOM and screenshot, rendered once per run."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # this run's workers share it: one rendering for all of them
    folder = base / "viewer-pages"
    with FileLock(str(base / "viewer-pages.lock")):
        if not (folder / "done").exists():
            folder.mkdir(exist_ok=True)
            render_all(folder, catalogue)
            (folder / "done").touch()
    return folder


def _dom(rendered: Path, case: str) -> Dom:
    return Dom((rendered / f"{case}.html").read_text("utf-8"))


@needs_chromium
def test_authentic_payload_in_french(rendered: Path) -> None:
    dom = _dom(rendered, "authentic-fr")
    assert dom.state() == "authentic"
    assert dom.by_id["verdict"].text.startswith(
        f"Authentique — délivré par {LABEL} le 14 mars 2026"
    )
    assert dom.by_id["trainee"].text == "Inès CF2026017"
    assert "225,5 h / 400 h" in dom.by_id["hours"].text
    assert "12 h / 21 h" in dom.by_id["hours"].text
    assert "Technicien·ne d'intervention fibre optique FTTH" in dom.by_id["catalogue"].text
    for skill_id, level in {**LEVELS, "SEC-02": 0, "CAB-10": 0}.items():
        assert dom.skills[skill_id].attrs["data-level"] == str(level), skill_id
    assert "3 Acquis" in dom.skills["SPL-04"].text
    assert "Réaliser une soudure par fusion" in dom.skills["SPL-04"].text
    assert "unrated" in dom.skills["SEC-02"].attrs["class"]
    assert "0 Non évalué" in dom.skills["SEC-02"].text
    assert "1 / 10 acquises" in dom.blocks["SEC"].text  # SEC-01 is 4 Maîtrisé, the rest 0
    assert "hidden" in dom.by_id["notice"].attrs


@needs_chromium
def test_authentic_payload_in_english(rendered: Path) -> None:
    dom = _dom(rendered, "authentic-en")
    assert dom.state() == "authentic"
    assert f"Authentic — issued by {LABEL} on 14 March 2026" in dom.by_id["verdict"].text
    assert "225.5 h / 400 h" in dom.by_id["hours"].text
    assert "3 Acquired" in dom.skills["SPL-04"].text
    assert "4 Mastered" in dom.skills["SEC-01"].text


@needs_chromium
def test_chromium_checks_the_ed25519_signature(rendered: Path) -> None:
    # Same bytes but one bit of the signature: only a real verification tells them apart.
    assert _dom(rendered, "authentic-fr").state() == "authentic"
    dom = _dom(rendered, "bad-signature-fr")
    assert dom.state() == "unverified"
    assert "Sa signature ne correspond pas à son contenu" in dom.by_id["verdict"].text
    # The page and the Python verifier agree.
    texts = json.loads((rendered / "payloads.json").read_text())
    raw_keys = json.loads((rendered / "keys.json").read_text())
    keys = [TrustedKey(bytes.fromhex(raw), LABEL) for raw in raw_keys]
    assert verify(from_text(texts["good"]), keys).authentic
    assert verify(from_text(texts["bad_signature"]), keys).problem == "bad_signature"


@needs_chromium
def test_a_changed_byte_is_not_trusted_but_still_shown(rendered: Path) -> None:
    dom = _dom(rendered, "tampered-fr")
    assert dom.state() == "unverified"
    assert "Impossible de vérifier cette fiche : ne vous y fiez pas." in dom.by_id["verdict"].text
    assert "Authentique" not in dom.by_id["verdict"].text
    assert "229,8 h / 400 h" in dom.by_id["hours"].text  # what the altered payload says
    assert "hidden" not in dom.by_id["notice"].attrs
    english = _dom(rendered, "tampered-en")  # a French phone, ?lang=en in the address
    assert english.by_id["verdict"].text.startswith(
        "This sheet cannot be verified: do not trust it."
    )
    assert "229.8 h / 400 h" in english.by_id["hours"].text


@needs_chromium
def test_an_unknown_key_is_not_trusted(rendered: Path) -> None:
    dom = _dom(rendered, "unknown-key-en")
    assert dom.state() == "unverified"
    assert "not signed by a training centre this page knows" in dom.by_id["verdict"].text
    assert dom.by_id["trainee"].text == "Inès CF2026017"


@needs_chromium
def test_a_browser_without_ed25519_says_it_cannot_check(rendered: Path) -> None:
    dom = _dom(rendered, "unsupported-fr")
    assert dom.state() == "unsupported"
    assert "Ce navigateur ne sait pas vérifier la signature" in dom.by_id["verdict"].text
    assert "modifiée" not in dom.by_id["verdict"].text  # not called forged
    assert dom.skills["SPL-04"].attrs["data-level"] == "3"


@needs_chromium
def test_an_unknown_catalogue_shows_hours_only(rendered: Path) -> None:
    dom = _dom(rendered, "unknown-catalogue-fr")
    assert dom.state() == "authentic"
    assert "Référentiel inconnu de cette page" in dom.by_id["skills-problem"].text
    assert dom.by_id["training-hours"].text == "225,5 h"
    assert not dom.skills


@needs_chromium
def test_no_payload_explains_the_page(rendered: Path) -> None:
    dom = _dom(rendered, "empty-fr")
    assert dom.state() == "empty"
    assert "Scannez le QR code" in dom.by_id["verdict"].text
    assert "hidden" in dom.by_id["content"].attrs


@needs_chromium
@pytest.mark.parametrize("case", ["garbage-en", "damaged-fr"])
def test_an_unreadable_payload_is_invalid(rendered: Path, case: str) -> None:
    dom = _dom(rendered, case)
    assert dom.state() == "invalid"
    assert "hidden" in dom.by_id["content"].attrs


@needs_chromium
@pytest.mark.parametrize("case", SCREENSHOTS)
def test_phone_sized_screenshots(rendered: Path, case: str) -> None:
    png = (rendered / f"{case}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 390  # IHDR width: no wider than the phone
