"""The progress viewer page: its embedded data, and what headless Chromium makes of it.

The page's JavaScript decodes the payload and checks its Ed25519 signature with WebCrypto, so
the behaviour tests run the real page in Chromium (``--dump-dom`` after the scripts ran) and
read the DOM through the ids and ``data-`` attributes the page promises. Every page is
rendered once per run, in parallel, and shared by the pytest-xdist workers.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.exports import viewer
from trainer_tui.exports.progress_code import (
    ProgressPayload,
    catalogue_ref,
    from_text,
    short_digest,
    to_text,
)
from trainer_tui.exports.signing import TrustedKey, new_private_key, public_key_of, sign, verify
from trainer_tui.exports.viewer import build_viewer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "chromium is not installed: the viewer page's JavaScript cannot run"
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
LABEL = "Saint-Denis — École des métiers de la fibre"
ISSUED = dt.date(2026, 3, 14)
LEVELS = {"SEC-01": 4, "SPL-04": 3, "MES-06": 2, "CND-C4-B": 1}  # every other skill: 0
TRAINING_MINUTES = 225 * 60 + 30
DRIVING_MINUTES = 12 * 60
#: Simulates a browser without Ed25519 in WebCrypto (Chromium has no switch to turn it off).
NO_ED25519 = (
    "<script>crypto.subtle.importKey = () =>"
    ' Promise.reject(new DOMException("Ed25519", "NotSupportedError"));</script>'
)
#: case: (page file, Accept-Language, what follows the file name in the URL).
CASES = {
    "authentic-fr": ("progres.html", "fr-FR", "#{good}"),
    "authentic-en": ("progres.html", "en-US", "#{good}"),
    "tampered-fr": ("progres.html", "fr-FR", "#{tampered}"),
    # A French phone asking for English in the address: ?lang= wins over the phone's language.
    "tampered-en": ("progres.html", "fr-FR", "?lang=en#{tampered}"),
    "bad-signature-fr": ("progres.html", "fr-FR", "#{bad_signature}"),
    "unknown-key-en": ("progres.html", "en-US", "#{unknown_key}"),
    "unknown-catalogue-fr": ("progres.html", "fr-FR", "#{unknown_catalogue}"),
    "empty-fr": ("progres.html", "fr-FR", ""),
    "garbage-en": ("progres.html", "en-US", "#not-a-progress-code!"),
    "damaged-fr": ("progres.html", "fr-FR", "#{damaged}"),
    "unsupported-fr": ("no-ed25519.html", "fr-FR", "#{good}"),
}
#: Opened as a phone would, one Chromium each, and photographed at phone size.
SCREENSHOTS = ("authentic-fr", "tampered-en")
#: The other cases share one Chromium per language (starting one costs 1 to 2 s): a page
#: frames them, waits for each verdict, then copies each framed DOM into a <pre id=case>.
FRAMES_PAGE = """<!doctype html><meta charset="utf-8"><body>%FRAMES%<script>
const frames = [...document.querySelectorAll("iframe")];
function collect() {
  const pending = frames.some((frame) => {
    const verdict = frame.contentDocument?.getElementById("verdict");
    return !verdict || verdict.dataset.state === "checking";
  });
  if (pending) return setTimeout(collect, 20);
  for (const frame of frames) {
    const pre = document.createElement("pre");
    pre.id = frame.dataset.case;
    pre.textContent = frame.contentDocument.documentElement.outerHTML;
    document.body.append(pre);
  }
}
addEventListener("load", collect);
</script>"""


@dataclass
class Element:
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def raw(self) -> str:
        """The text inside, as it is."""
        return "".join(self.parts)

    @property
    def text(self) -> str:
        """The text inside, whitespace (no-break spaces included) collapsed."""
        return " ".join("".join(self.parts).split())


class Dom(HTMLParser):
    """The elements of a dumped page that carry an ``id``, ``data-skill`` or ``data-block``."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "source", "wbr"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, Element] = {}
        self.skills: dict[str, Element] = {}
        self.blocks: dict[str, Element] = {}
        self._open: list[tuple[str, Element | None]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element = None
        if {"id", "data-skill", "data-block"} & values.keys():
            element = Element(values)
            for attribute, table in (
                ("id", self.by_id),
                ("data-skill", self.skills),
                ("data-block", self.blocks),
            ):
                if attribute in values:
                    table[values[attribute]] = element
        if tag not in self.VOID:
            self._open.append((tag, element))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, element in self._open:
            if element is not None:
                element.parts.append(data)

    def state(self) -> str:
        return self.by_id["verdict"].attrs["data-state"]


def _payloads(catalogue: Catalogue) -> tuple[list[TrustedKey], dict[str, str]]:
    """The trusted keys, and every payload the cases open, as text."""
    key, stranger = new_private_key(), new_private_key()
    trusted = [TrustedKey(public_key_of(key), LABEL)]
    order = [skill.id for block in catalogue.blocks for skill in block.active_skills]

    def signed(private: bytes, ref: bytes) -> bytes:
        payload = ProgressPayload(
            key_id=short_digest(public_key_of(private)),
            catalogue_ref=ref,
            issued_on=ISSUED,
            training_minutes=TRAINING_MINUTES,
            driving_minutes=DRIVING_MINUTES,
            code="CF2026017",
            first_name="Inès",
            levels=tuple(LEVELS.get(skill_id, 0) for skill_id in order),
        )
        return sign(payload, private)

    good = signed(key, catalogue_ref(catalogue.id, catalogue.version))
    tampered = bytearray(good)
    tampered[11] += 1  # training minutes + 256, well inside the signed bytes
    bad_signature = bytearray(good)
    bad_signature[-1] ^= 0x01  # the same content, one bit of the signature changed
    texts = {
        "good": to_text(good),
        "tampered": to_text(bytes(tampered)),
        "bad_signature": to_text(bytes(bad_signature)),
        "unknown_key": to_text(signed(stranger, catalogue_ref(catalogue.id, catalogue.version))),
        "unknown_catalogue": to_text(signed(key, catalogue_ref("autre-metier", "2.0"))),
        # The code's length byte claims more bytes than there are: the decoder must refuse.
        "damaged": to_text(good[:15] + bytes([200]) + good[16:]),
    }
    return trusted, texts


def _chromium(folder: Path, run: str, language: str, url: str, *extra: str) -> str:
    """The DOM of ``url`` once its scripts ran, as a phone set to ``language`` shows it."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",  # CI runs as root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={folder / 'profiles' / run}",
        # --lang and LANGUAGE do not reach navigator.language in headless mode; this does.
        f"--accept-lang={language}",
        "--virtual-time-budget=5000",
        "--window-size=390,1200",
        *extra,
        "--dump-dom",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0 or "</html>" not in result.stdout:
        raise RuntimeError(f"chromium failed on {run}: {result.stderr[-2000:]}")
    return result.stdout


def _case_url(folder: Path, case: str, texts: dict[str, str]) -> str:
    page, _, suffix = CASES[case]
    return (folder / page).as_uri() + suffix.format(**texts)


def _render_alone(folder: Path, case: str, texts: dict[str, str]) -> None:
    screenshot = f"--screenshot={folder / f'{case}.png'}"
    dom = _chromium(folder, case, CASES[case][1], _case_url(folder, case, texts), screenshot)
    (folder / f"{case}.html").write_text(dom, "utf-8")


def _render_framed(folder: Path, language: str, texts: dict[str, str]) -> None:
    cases = [c for c, (_, lang, _) in CASES.items() if lang == language and c not in SCREENSHOTS]
    frames = "".join(
        f'<iframe data-case="{case}" src="{html.escape(_case_url(folder, case, texts))}"></iframe>'
        for case in cases
    )
    page = folder / f"frames-{language}.html"
    page.write_text(FRAMES_PAGE.replace("%FRAMES%", frames), "utf-8")
    # File pages may read each other's DOM only with this switch.
    dom = Dom(
        _chromium(folder, page.stem, language, page.as_uri(), "--allow-file-access-from-files")
    )
    for case in cases:
        if case not in dom.by_id:
            raise RuntimeError(f"{case}: the framed page never gave a verdict")
        (folder / f"{case}.html").write_text(dom.by_id[case].raw, "utf-8")


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
            trusted, texts = _payloads(catalogue)
            page = build_viewer([catalogue], trusted)
            (folder / "progres.html").write_text(page, "utf-8")
            (folder / "no-ed25519.html").write_text(
                page.replace("<head>", "<head>" + NO_ED25519), "utf-8"
            )
            (folder / "payloads.json").write_text(json.dumps(texts))
            (folder / "keys.json").write_text(json.dumps([k.public_key.hex() for k in trusted]))
            with ThreadPoolExecutor(max_workers=min(3, os.cpu_count() or 1)) as pool:
                jobs = [pool.submit(_render_alone, folder, case, texts) for case in SCREENSHOTS]
                jobs += [
                    pool.submit(_render_framed, folder, lang, texts) for lang in ("fr-FR", "en-US")
                ]
                for job in jobs:
                    job.result()
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


def _embedded(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="viewer-data">(.*?)</script>', page, re.S
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_page_embeds_catalogue_keys_and_texts(catalogue: Catalogue) -> None:
    key = TrustedKey(public_key_of(new_private_key()), LABEL)
    data = _embedded(build_viewer([catalogue], [key]))
    [embedded] = data["catalogues"]
    assert embedded["ref"] == catalogue_ref(catalogue.id, catalogue.version).hex()
    assert embedded["training_target_hours"] == 400
    assert embedded["driving_target_hours"] == 21
    assert embedded["scale"]["proficient_from"] == catalogue.scale.proficient_from
    skills = [skill["id"] for block in embedded["blocks"] for skill in block["skills"]]
    assert skills == [s.id for block in catalogue.blocks for s in block.active_skills]
    assert data["keys"] == [
        {"public_key": base64.b64encode(key.public_key).decode(), "label": LABEL}
    ]
    texts = data["texts"]
    assert set(texts["fr"]) == set(texts["en"])
    assert texts["fr"]["month.3"] == "mars"


def test_every_text_the_script_asks_for_is_in_the_table() -> None:
    script = viewer.template()
    asked = set(re.findall(r'text\(\s*"([\w.]+)"', script))
    asked |= set(re.findall(r'"(verdict\.\w+)"', script))
    asked |= {"verdict.unknown_key", "verdict.bad_signature"}  # built as verdict.${problem}
    for language, table in viewer.page_texts().items():
        assert sorted(asked - table.keys()) == [], language


def test_a_label_cannot_close_the_script() -> None:
    nasty = TrustedKey(public_key_of(new_private_key()), "</script><script>alert(1)</script><!--")
    page = build_viewer([], [nasty])
    assert "alert(1)" in page and "</script><script>alert" not in page
    assert _embedded(page)["keys"] == [viewer.key_data(nasty)]


def test_the_page_is_self_contained(catalogue: Catalogue) -> None:
    page = build_viewer([catalogue], [TrustedKey(public_key_of(new_private_key()), LABEL)])
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"https?://", page)
    assert "<link" not in page and "@import" not in page and "src=" not in page
    assert "default-src 'none'" in page  # and the browser enforces it
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_a_template_without_its_placeholder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viewer, "template", lambda: "<html></html>")
    with pytest.raises(RuntimeError, match="__VIEWER_DATA__"):
        build_viewer([], [])
