"""Helpers for Textual's DataTable."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def measure_now(table: DataTable[Any]) -> None:
    """Work out the table's size now rather than when it is next idle.

    DataTable measures new rows lazily, on its next idle moment: a table filled while its
    screen opens is first painted empty, then measured and painted again in full. On the
    dashboard that second paint was about a tenth of the start-up budget. This does the
    measuring at once, as DataTable's own idle handler would (textual is pinned exactly in
    pyproject.toml); should those internals change, the table simply measures itself later,
    as before.
    """
    new_rows = getattr(table, "_new_rows", None)
    update = getattr(table, "_update_dimensions", None)
    if not getattr(table, "_require_update_dimensions", False) or new_rows is None or not update:
        return
    table._require_update_dimensions = False
    pending = new_rows.copy()
    new_rows.clear()
    update(pending)
