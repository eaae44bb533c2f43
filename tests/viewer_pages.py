"""The progress viewer's pages as headless Chromium renders them, for tests/test_viewer.py.

The cases (payloads genuine, tampered, unknown, damaged; French or English phones), the
signed payloads they open, Chromium's ``--dump-dom`` of each (two phone-sized pages alone,
with a screenshot; the others framed in one page per language), and :class:`Dom`, which
reads a dumped page through its ids and ``data-`` attributes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.exports.progress_code import ProgressPayload, catalogue_ref, short_digest, to_text
from trainer_tui.exports.signing import TrustedKey, new_private_key, public_key_of, sign
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


def render_all(folder: Path, catalogue: Catalogue) -> None:
    """Write the pages, the payloads and the keys to ``folder``, then render every case."""
    trusted, texts = _payloads(catalogue)
    page = build_viewer([catalogue], trusted)
    (folder / "progres.html").write_text(page, "utf-8")
    (folder / "no-ed25519.html").write_text(page.replace("<head>", "<head>" + NO_ED25519), "utf-8")
    (folder / "payloads.json").write_text(json.dumps(texts))
    (folder / "keys.json").write_text(json.dumps([k.public_key.hex() for k in trusted]))
    with ThreadPoolExecutor(max_workers=min(3, os.cpu_count() or 1)) as pool:
        jobs = [pool.submit(_render_alone, folder, case, texts) for case in SCREENSHOTS]
        jobs += [pool.submit(_render_framed, folder, lang, texts) for lang in ("fr-FR", "en-US")]
        for job in jobs:
            job.result()
