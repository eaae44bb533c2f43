"""What a school sets once: the organisation printed on documents, the absence alert threshold.

Kept with this laptop's settings for the data folder (``<data>/local/settings.json``), beside
the language and the last sync folder; ``trainer-tui settings`` and the TUI's settings dialog
change them. Every value is checked here, so a mistake gets one clear message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_documents_path

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.text import character_name, deceptive_character
from trainer_tui.services.dashboard_facts import AlertSettings
from trainer_tui.services.settings import load_settings, save_setting, save_settings
from trainer_tui.services.workspace import Workspace

PAPERWORK = "paperwork"
ABSENCE_THRESHOLD = "absence_threshold"
DOCUMENTS_FOLDER = "documents_folder"
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class Paperwork:
    """The organisation's details printed on attendance sheets, logs and certificates."""

    organisation: str = ""
    address: str = ""
    #: Numéro de déclaration d'activité, printed on the certificat de réalisation.
    declaration_number: str = ""
    #: Who signs the certificates (the organisation's legal representative).
    signatory: str = ""
    #: Where certificates are signed ("Fait à …").
    place: str = ""
    #: The trainees' employer during the course (the temp agency), on certificates.
    employer: str = ""
    #: Where the school put the progress viewer page (``trainer-tui viewer build``); QR codes
    #: then link to it. Empty: QR codes hold a plain-text summary.
    viewer_url: str = ""


PAPERWORK_FIELDS = tuple(field.name for field in dataclasses.fields(Paperwork))


def paperwork(ws: Workspace) -> Paperwork:
    """The saved details (empty texts where nothing was set)."""
    saved = load_settings(ws).get(PAPERWORK)
    if not isinstance(saved, dict):
        return Paperwork()
    return Paperwork(
        **{
            name: value.strip()
            for name, value in saved.items()
            if name in PAPERWORK_FIELDS and isinstance(value, str)
        }
    )


def _checked_text(field: str, value: str) -> str:
    """``value`` stripped, once known to suit ``field``; else the refusal."""
    if field not in PAPERWORK_FIELDS:
        raise RuleViolation(
            "unknown_setting",
            "setting",
            "unknown setting {setting}",
            setting=field,
            expected=", ".join(PAPERWORK_FIELDS),
        )
    text = value.strip()
    if field == "organisation" and not text:
        raise RuleViolation("organisation_required", field, "the organisation needs a name")
    if field == "viewer_url" and text and not text.startswith(("https://", "http://")):
        raise RuleViolation("not_a_web_address", field, "{input} is not a web address", input=text)
    if len(text) > MAX_TEXT:
        raise RuleViolation("text_too_long", field, "at most {max} characters", max=MAX_TEXT)
    found = deceptive_character(text, multiline=field == "address")
    if found is not None:
        raise RuleViolation(
            "deceptive_character",
            field,
            "character {character} at position {position} is not allowed",
            character=character_name(found[1]),
            position=found[0] + 1,
        )
    return text


def _changed(current: Paperwork, changes: Mapping[str, str]) -> dict[str, str]:
    """The details that differ from those saved: a form saved as it was opened checks none.

    The settings dialog sends every field; an organisation still unset (empty) is no change.
    """
    return {
        field: value
        for field, value in changes.items()
        if field not in PAPERWORK_FIELDS or value.strip() != getattr(current, field)
    }


def _checked_percent(percent: float) -> float:
    """The threshold as a share, once ``percent`` is within (0, 100]."""
    if not 0 < percent <= 100:
        raise RuleViolation(
            "percent_range", "absence_threshold", "between 0 and 100", input=percent
        )
    return percent / 100


def _checked_folder(folder: Path) -> Path:
    chosen = folder.expanduser().absolute()
    if chosen.exists() and not chosen.is_dir():
        raise RuleViolation(
            "not_a_folder", "documents_folder", "{path} is not a folder", path=str(chosen)
        )
    return chosen


def set_paperwork(ws: Workspace, field: str, value: str) -> Paperwork:
    """Change one detail durably; an unknown field, an overlong text or no organisation is refused.

    Checked even when unchanged: ``settings set organisation ""`` is refused however it was.
    """
    _checked_text(field, value)
    return update_paperwork(ws, {field: value})


def update_paperwork(ws: Workspace, changes: Mapping[str, str]) -> Paperwork:
    """Change several details in one write, all checked first (nothing half-saved)."""
    current = paperwork(ws)
    valid = {
        field: _checked_text(field, value) for field, value in _changed(current, changes).items()
    }
    updated = dataclasses.replace(current, **valid)
    save_setting(ws, PAPERWORK, dataclasses.asdict(updated))
    return updated


def save_all(
    ws: Workspace, changes: Mapping[str, str], *, documents: Path, absence_percent: float
) -> None:
    """The settings dialog's values: every one checked, then all saved in one write."""
    share = _checked_percent(absence_percent)
    folder = _checked_folder(documents)
    current = paperwork(ws)
    valid = {
        field: _checked_text(field, value) for field, value in _changed(current, changes).items()
    }
    save_settings(
        ws,
        {
            PAPERWORK: dataclasses.asdict(dataclasses.replace(current, **valid)),
            DOCUMENTS_FOLDER: str(folder),
            ABSENCE_THRESHOLD: share,
        },
    )


def absence_threshold(ws: Workspace) -> float:
    """The absence rate above which a trainee is flagged (a share, 0.10 by default)."""
    value: Any = load_settings(ws).get(ABSENCE_THRESHOLD)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1:
        return float(value)
    return AlertSettings().max_absence_rate


def set_absence_threshold(ws: Workspace, percent: float) -> float:
    """Flag trainees who miss more than ``percent`` % of their scheduled hours."""
    share = _checked_percent(percent)
    save_setting(ws, ABSENCE_THRESHOLD, share)
    return share


def alert_settings(ws: Workspace) -> AlertSettings:
    """The dashboard's alert rules with this school's threshold."""
    return dataclasses.replace(AlertSettings(), max_absence_rate=absence_threshold(ws))


def documents_folder(ws: Workspace) -> Path:
    """Where the app writes the documents it makes: the one chosen, else Documents/trainer-tui."""
    saved = load_settings(ws).get(DOCUMENTS_FOLDER)
    if isinstance(saved, str) and saved.strip():
        return Path(saved).expanduser()
    return user_documents_path() / "trainer-tui"


def set_documents_folder(ws: Workspace, folder: Path) -> Path:
    """Write the documents into ``folder`` from now on (created when first used)."""
    chosen = _checked_folder(folder)
    save_setting(ws, DOCUMENTS_FOLDER, str(chosen))
    return chosen
