"""Small pieces shared by the session screens: a one-line prompt and a session picker."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.records import Session
from trainer_tui.i18n import format_date, t
from trainer_tui.ui.base import TrainerModal


def short_name(first_name: str, last_name: str) -> str:
    """``Inès B.``: enough to tell trainees apart in a status line."""
    return f"{first_name} {last_name[:1]}."


def slot_text(session: Session) -> str:
    """``26/11/2026 09:00–12:30``."""
    start, end = session.start.isoformat("minutes"), session.end.isoformat("minutes")
    return f"{format_date(session.date)} {start}–{end}"


class PromptBar(Vertical):
    """A question asked at the bottom of a screen (late minutes, measured value, note).

    Hidden until :meth:`ask`; Enter posts :class:`PromptBar.Submitted`, typing posts
    :class:`PromptBar.Changed` so that the screen can show what the answer would do.
    """

    DEFAULT_CSS = """
    PromptBar { height: auto; display: none; border-top: solid $accent; padding: 0 1; }
    PromptBar.-open { display: block; }
    PromptBar Input { width: 1fr; }
    PromptBar #prompt-hint { height: auto; max-height: 2; color: $text-muted; }
    PromptBar #prompt-hint.-error { color: $error; }
    """

    class Submitted(Message):
        """The trainer pressed Enter in the prompt."""

        def __init__(self, mode: str, value: str) -> None:
            super().__init__()
            self.mode = mode
            self.value = value

    class Changed(Submitted):
        """The answer being typed changed."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = ""

    def compose(self) -> ComposeResult:
        """The question, the answer, a hint line."""
        yield Label(id="prompt-label")
        yield Input(compact=True, id="prompt-input")
        yield Static(id="prompt-hint")

    @property
    def is_open(self) -> bool:
        """Whether a question is being asked."""
        return self.has_class("-open")

    def ask(self, mode: str, question: str, value: str = "", restrict: str | None = None) -> None:
        """Show ``question`` and give the keyboard to the answer."""
        self.mode = mode
        self.query_one("#prompt-label", Label).update(question)
        field = self.query_one("#prompt-input", Input)
        field.restrict = restrict
        field.value = value
        self.hint("")
        self.add_class("-open")
        field.focus()

    def hint(self, text: str, *, error: bool = False) -> None:
        """Say what the answer would do, or what is wrong with it."""
        hint = self.query_one("#prompt-hint", Static)
        hint.update(text)
        hint.set_class(error, "-error")

    def close(self) -> None:
        """Hide the prompt (the screen gives the focus back to its table)."""
        self.mode = ""
        self.remove_class("-open")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.mode, event.value))

    @on(Input.Changed, "#prompt-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.mode:
            self.post_message(self.Changed(self.mode, event.value))


class SessionPicker(TrainerModal):
    """Choose one of the cohort's sessions, most recent first, to reopen it."""

    HELP_KEY = "help.session_picker"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, cohort: Cohort, sessions: list[Session], trainers: dict[str, str]) -> None:
        super().__init__()
        self.cohort = cohort
        self.sessions = sorted(sessions, key=lambda s: (s.date, s.start, s.id), reverse=True)
        self.trainers = trainers

    def compose(self) -> ComposeResult:
        """The sessions as a list."""
        with Vertical(classes="dialog session-picker"):
            yield Label(
                t("ui.session.picker.title", cohort=self.cohort.name), classes="dialog-title"
            )
            options = [Option(self._line(s), id=s.id) for s in self.sessions]
            yield OptionList(*options, id="sessions")
            if not self.sessions:
                yield Static(t("ui.session.picker.empty"))

    def _line(self, session: Session) -> str:
        kind = t(f"session.kind.{session.kind.value}")
        skills = ", ".join(session.skill_ids)
        trainer = self.trainers.get(session.trainer_id, session.trainer_id)
        return f"{slot_text(session)}  {kind} · {trainer}  {skills}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a session opens it."""
        chosen = next(s for s in self.sessions if s.id == event.option.id)
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        """Back without choosing."""
        self.dismiss(None)
