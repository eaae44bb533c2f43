"""Settings: the organisation printed on documents, where documents go, the absence alert."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import decimal, t
from trainer_tui.services import preferences
from trainer_tui.services.parsing import parse_number
from trainer_tui.ui.widgets.form import FormDialog, FormField, values


class SettingsForm(FormDialog):
    """Returns ``True`` once saved, ``None`` if the trainer cancels."""

    HELP_KEY = "help.settings"
    #: Nine settings: one line each, so that the dialog fits a 24-line terminal.
    DEFAULT_CSS = """
    SettingsForm FormField { margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        """Every setting, prefilled."""
        ws = self.trainer_app.workspace
        details = preferences.paperwork(ws)
        with VerticalScroll(classes="dialog"):
            yield Label(t("ui.settings.title"), classes="dialog-title")
            for name in preferences.PAPERWORK_FIELDS:
                yield FormField(t(f"ui.settings.{name}"), name, getattr(details, name))
            yield FormField(
                t("ui.settings.documents_folder"),
                "documents_folder",
                str(preferences.documents_folder(ws)),
            )
            threshold = decimal(preferences.absence_threshold(ws) * 100, 0)
            yield FormField(t("ui.settings.absence_threshold"), "absence_threshold", threshold)
            yield from self.buttons(t("ui.button.save"))

    def action_save(self) -> None:
        """Check every value first, then save them all (nothing is half-saved)."""
        ws = self.trainer_app.workspace
        given = values(self.query(Input))
        try:
            preferences.save_all(
                ws,
                {name: given[name] for name in preferences.PAPERWORK_FIELDS},
                documents=Path(given["documents_folder"].strip() or "."),
                absence_percent=parse_number(given["absence_threshold"], "absence_threshold"),
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        self.dismiss(True)
