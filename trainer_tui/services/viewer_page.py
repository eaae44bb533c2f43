"""The progress viewer page: one HTML file the school puts online for trainees' phones."""

from __future__ import annotations

from pathlib import Path

from trainer_tui.exports.viewer import build_viewer
from trainer_tui.services import keys, paperwork
from trainer_tui.services.workspace import Workspace

PAGE_NAME = "progres.html"


def write_viewer(ws: Workspace, folder: Path) -> Path:
    """Write the page (this catalogue, every key the school trusts) into ``folder``.

    Rebuild it after a new laptop has synced (its key is then trusted) or after a catalogue
    change; the address where it is published goes into the ``viewer_url`` setting.
    """
    page = build_viewer([ws.catalogue], keys.trusted_keys(ws))
    return paperwork.write_document(folder / PAGE_NAME, page.encode("utf-8"))
