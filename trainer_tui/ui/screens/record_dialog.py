"""Skill records for employers from the TUI: choose a format, the file is written in a thread.

The trainee file (key ``x``) and the palette use :func:`export_record`; the Documents screen
opens :class:`RecordDialog` itself and writes through its own worker, to show the result on
its status line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.i18n import describe_violation, t
from trainer_tui.services import preferences
from trainer_tui.services.skill_records import FORMATS, RecordFormat, export_records
from trainer_tui.ui.base import TrainerModal


class RecordDialog(TrainerModal):
    """The four formats; Enter (or a click) returns the chosen one, Escape ``None``."""

    HELP_KEY = "help.record"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]
    DEFAULT_CSS = """
    RecordDialog #record-intro { color: $text-muted; padding: 0 1; margin-bottom: 1; }
    RecordDialog #record-formats { height: auto; max-height: 12; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        """A title, one line on what a record is, the formats (name, then what it is for)."""
        with Vertical(classes="dialog"):
            yield Label(escape(self.title_text), classes="dialog-title")
            yield Static(t("ui.record.intro"), id="record-intro", markup=False)
            yield OptionList(
                *(
                    Option(
                        f"{t(f'ui.record.format.{kind}')}\n  {t(f'ui.record.hint.{kind}')}", kind
                    )
                    for kind in FORMATS
                ),
                id="record-formats",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The chosen format closes the dialog."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)


def _write(screen: Screen[object], cohort: Cohort, trainees: list[Trainee], kind: str) -> None:
    """In a thread: write the records, then say where (or why not) on the UI's thread."""
    app = screen.app
    ws = app.workspace  # type: ignore[attr-defined]
    severity: SeverityLevel = "error"
    try:
        folder = preferences.documents_folder(ws)
        path = export_records(ws, cohort, trainees, _format(kind), folder)
    except RuleViolation as error:
        message = describe_violation(error)
    except OSError as error:
        message = t("ui.record.failed", error=error.strerror or error)
    else:
        message, severity = t("ui.record.written", path=path), "information"
    with contextlib.suppress(RuntimeError):  # the app closed meanwhile
        app.call_from_thread(partial(screen.notify, message, severity=severity, timeout=8))


def _format(kind: str) -> RecordFormat:
    return next(f for f in FORMATS if f == kind)


def export_record(
    screen: Screen[object], cohort: Cohort, trainees: Sequence[Trainee], title: str
) -> None:
    """Ask for the format, then write the records of ``trainees`` into the documents folder."""

    def chosen(kind: str | None) -> None:
        if kind not in FORMATS:
            return
        screen.notify(t("ui.record.making", format=t(f"ui.record.format.{kind}")))
        screen.run_worker(
            partial(_write, screen, cohort, list(trainees), kind),
            group="record",
            exclusive=True,
            exit_on_error=False,
            thread=True,
        )

    screen.app.push_screen(RecordDialog(title), callback=chosen)
