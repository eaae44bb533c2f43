"""Importing a roster: choose the CSV file, preview what it holds, import it all or nothing."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Button, DataTable, Input, Label, Static

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort
from trainer_tui.i18n import t
from trainer_tui.services.roster import RosterPreview, import_roster, preview_roster
from trainer_tui.services.roster_messages import describe_error, describe_problems
from trainer_tui.ui.base import TrainerModal
from trainer_tui.ui.widgets.form import FormError


def as_path(text: str) -> Path:
    """What a trainer typed or dropped into the terminal as a path (quotes, ``~``, ``file://``)."""
    value = text.strip().strip("'\"").removeprefix("file://")
    return Path(value).expanduser()


class PathSuggester(Suggester):
    """Completes folder and CSV file names as the trainer types a path (→ accepts)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """The first folder or CSV/text file that starts with what is typed."""
        if not value.strip():
            return None
        typed = as_path(value)
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in folder.iterdir()
                if entry.name.startswith(stem)
                and not entry.name.startswith(".")
                and (entry.is_dir() or entry.suffix.lower() in (".csv", ".txt"))
            )
        except OSError:
            return None
        return value + names[0][len(stem) :] if names else None


class ImportFileForm(TrainerModal):
    """Ask for the roster file and read it; returns its preview (nothing stored yet)."""

    HELP_KEY = "help.roster"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, cohort: Cohort) -> None:
        super().__init__()
        self.cohort = cohort
        self.path: Path | None = None

    def compose(self) -> ComposeResult:
        """The path field with completion, and what kind of file is expected."""
        with VerticalScroll(classes="dialog"):
            yield Label(t("ui.roster.import.title"), classes="dialog-title")
            yield Label(t("ui.roster.import.path"))
            yield Input(
                placeholder=t("ui.roster.import.placeholder"),
                suggester=PathSuggester(),
                id="roster-path",
            )
            yield Static(t("ui.roster.import.hint"), classes="hint")
            yield FormError()
            with Horizontal(classes="buttons"):
                yield Button(t("ui.roster.import.read"), variant="primary", id="read")
                yield Button(t("ui.button.cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Read the file or cancel."""
        if event.button.id == "read":
            self.action_read()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        """Enter reads the file."""
        self.action_read()

    def action_read(self) -> None:
        """Read and check the file; a file that cannot be imported at all says why here."""
        typed = self.query_one("#roster-path", Input).value
        if not typed.strip():
            self.query_one(FormError).update(t("ui.roster.import.no_path"))
            return
        self.path = as_path(typed)
        try:
            preview = preview_roster(self.trainer_app.workspace, self.cohort, self.path)
        except RuleViolation as error:
            self.query_one(FormError).update(Text(describe_error(error)))
            return
        self.dismiss(preview)

    def action_cancel(self) -> None:
        """Close without reading anything."""
        self.dismiss(None)


class ImportPreview(TrainerModal):
    """The rows to enrol and the bad lines; confirming imports them all, in one write."""

    HELP_KEY = "help.roster"
    AUTO_FOCUS = "Button"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]
    DEFAULT_CSS = """
    ImportPreview .preview-text { padding: 0 1; }
    ImportPreview #preview-problems { color: $error; }
    ImportPreview #preview-rows { height: auto; max-height: 12; }
    """

    def __init__(self, cohort: Cohort, preview: RosterPreview, file: str) -> None:
        super().__init__()
        self.cohort = cohort
        self.preview = preview
        self.file = file

    def compose(self) -> ComposeResult:
        """Summary, bad lines, then the rows that would be enrolled."""
        preview = self.preview
        with VerticalScroll(classes="dialog"):
            yield Label(t("ui.roster.preview.title", file=self.file), classes="dialog-title")
            if preview.ok:
                summary = t("ui.roster.preview.ok", count=len(preview.rows))
            else:
                total = len(preview.rows) + len(preview.bad_lines)
                summary = t("ui.roster.preview.bad", bad=len(preview.bad_lines), total=total)
            yield Static(summary, id="preview-summary", classes="preview-text")
            if preview.problems:
                problems = "\n".join(describe_problems(preview))
                yield Static(problems, id="preview-problems", classes="preview-text", markup=False)
            if preview.ignored:
                ignored = t("ui.roster.preview.ignored", columns=", ".join(preview.ignored))
                yield Static(ignored, classes="preview-text", markup=False)
            yield DataTable(id="preview-rows", cursor_type="row", zebra_stripes=True)
            yield FormError()
            with Horizontal(classes="buttons"):
                yield Button(
                    t("ui.roster.preview.import"),
                    variant="primary",
                    id="import",
                    disabled=not preview.ok,
                )
                yield Button(t("ui.button.cancel"), id="cancel")

    def on_mount(self) -> None:
        """Widen the dialog for the table (inline: app.tcss sizes dialogs), then fill it."""
        dialog = self.query_one(".dialog", VerticalScroll)
        dialog.styles.width = "96%"
        dialog.styles.max_width = 110
        table = self.query_one("#preview-rows", DataTable)
        table.display = bool(self.preview.rows)
        table.add_column(t("ui.roster.preview.line"), key="line")
        for key in ("name", "code", "phone", "email"):
            table.add_column(t(f"ui.roster.col.{key}"), key=key)
        for row in self.preview.rows:
            table.add_row(
                str(row.line),
                f"{row.last_name.upper()} {row.first_name}",
                row.code or t("ui.roster.preview.generated"),
                row.phone or "",
                row.email or "",
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Import or cancel."""
        if event.button.id == "import":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_confirm(self) -> None:
        """Import every row in one durable write (or nothing, with the reason shown)."""
        try:
            trainees = import_roster(self.trainer_app.workspace, self.cohort, self.preview)
        except RuleViolation as error:
            self.query_one(FormError).update(Text(describe_error(error)))
            return
        self.dismiss(trainees)

    def action_cancel(self) -> None:
        """Close without importing anything."""
        self.dismiss(None)
