"""The progress viewer: one self-contained HTML page that checks and shows a progress code.

The school puts this page online (its address is the ``viewer_url`` setting); a trainee's QR
code opens it with the signed payload after ``#``, which browsers never send to the server.
The page decodes the payload (the layout of :mod:`trainer_tui.exports.progress_code`), checks
its Ed25519 signature with the browser's WebCrypto against the trusted keys embedded in it,
and shows the verdict and the progress in French or English.

The page runs on phones that do not have the app, so everything it needs travels inside it as
one JSON document: the catalogues (to name the skills a payload only lists as levels), the
trusted keys, and both languages' texts, taken from the app's message catalogue
(``viewer.*`` in ``i18n/*/viewer.toml``). The HTML, CSS and JavaScript live in
``viewer_template.html`` beside this module; this module only fills in the JSON.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from trainer_tui.domain.catalogue import Block, Catalogue, RatingScale
from trainer_tui.domain.people import DEFAULT_DRIVING_HOURS, DEFAULT_TRAINING_HOURS
from trainer_tui.domain.text import LANGUAGES, LocalizedText
from trainer_tui.exports.progress_code import catalogue_ref
from trainer_tui.exports.signing import TrustedKey
from trainer_tui.i18n import messages

#: The template's one placeholder, replaced by the page's JSON.
PLACEHOLDER = "__VIEWER_DATA__"
TEMPLATE_NAME = "viewer_template.html"
#: Month names come from the printed documents' messages: one translation for both.
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _localized(text: LocalizedText) -> dict[str, str]:
    return {language: text.get(language) for language in LANGUAGES}


def _scale_data(scale: RatingScale) -> dict[str, Any]:
    return {
        "levels": [
            {"value": level.value, "label": _localized(level.label)} for level in scale.levels
        ],
        "proficient_from": scale.proficient_from,
    }


def _block_data(block: Block) -> dict[str, Any]:
    # Only active skills: a payload packs exactly these, in this order.
    skills = [{"id": skill.id, "title": _localized(skill.title)} for skill in block.active_skills]
    return {"id": block.id, "title": _localized(block.title), "skills": skills}


def catalogue_data(catalogue: Catalogue) -> dict[str, Any]:
    """What the page knows of ``catalogue``: its reference, titles, scale and active skills.

    The programme's default targets go with it because the payload carries hours done, not
    the cohort's targets; empty blocks (every skill retired) are left out.
    """
    return {
        "ref": catalogue_ref(catalogue.id, catalogue.version).hex(),
        "id": catalogue.id,
        "version": catalogue.version,
        "title": _localized(catalogue.title),
        "training_target_hours": DEFAULT_TRAINING_HOURS,
        "driving_target_hours": DEFAULT_DRIVING_HOURS,
        "scale": _scale_data(catalogue.scale),
        "blocks": [_block_data(block) for block in catalogue.blocks if block.active_skills],
    }


def key_data(key: TrustedKey) -> dict[str, str]:
    """A trusted key as the page reads it: the raw public key in base64, and its holder."""
    return {"public_key": base64.b64encode(key.public_key).decode("ascii"), "label": key.label}


def page_texts() -> dict[str, dict[str, str]]:
    """Every text of the page, per language, keyed without the ``viewer.`` prefix."""
    texts: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        catalogue = messages(language)
        table = {
            key.removeprefix("viewer."): value
            for key, value in catalogue.items()
            if key.startswith("viewer.")
        }
        for number, month in enumerate(_MONTHS, start=1):
            table[f"month.{number}"] = catalogue[f"doc.month.{month}"]
        table["decimal_separator"] = catalogue["format.decimal_separator"]
        texts[language] = table
    return texts


def viewer_data(catalogues: Sequence[Catalogue], trusted: Sequence[TrustedKey]) -> dict[str, Any]:
    """The JSON document embedded in the page."""
    return {
        "catalogues": [catalogue_data(catalogue) for catalogue in catalogues],
        "keys": [key_data(key) for key in trusted],
        "texts": page_texts(),
    }


def embed_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    Every ``<`` becomes its JSON escape (``<`` only occurs inside JSON strings, where the
    escape means the same character), so no label can close the script (``</script>``) or
    open an HTML comment; ``JSON.parse`` gives the text back unchanged.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def template() -> str:
    """The page's HTML, CSS and JavaScript, with :data:`PLACEHOLDER` where the JSON goes."""
    return resources.files(__package__).joinpath(TEMPLATE_NAME).read_text("utf-8")


def build_viewer(catalogues: Sequence[Catalogue], trusted: Sequence[TrustedKey]) -> str:
    """The viewer page, one self-contained HTML file, knowing ``catalogues`` and ``trusted``.

    A payload whose key is not in ``trusted`` is shown as unverified; one whose catalogue is
    not in ``catalogues`` is checked but its skills cannot be named.
    """
    page = template()
    if page.count(PLACEHOLDER) != 1:
        # A broken template must fail here, not ship a page that shows nothing.
        raise RuntimeError(f"{TEMPLATE_NAME} must hold {PLACEHOLDER} exactly once")
    return page.replace(PLACEHOLDER, embed_json(viewer_data(catalogues, trusted)))
