"""The progress viewer page's embedded data and template, read without a browser.

The catalogues, keys and texts embedded as JSON, every text the script asks for, a label
that cannot close the script, no outside resource, and a template missing its placeholder.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest

from tests.viewer_pages import LABEL
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.exports import viewer
from trainer_tui.exports.progress_code import catalogue_ref
from trainer_tui.exports.signing import TrustedKey, new_private_key, public_key_of
from trainer_tui.exports.viewer import build_viewer


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
