"""Set up a session: date, slot, kind, trainer and the skills practised; then take attendance."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from trainer_tui.domain.catalogue import Skill
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainer
from trainer_tui.domain.records import Session, SessionKind
from trainer_tui.i18n import format_date, get_language, t
from trainer_tui.services import activity, session_flow
from trainer_tui.services.parsing import parse_date, parse_time
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.form import FormError
from trainer_tui.ui.widgets.session_widgets import SessionPicker
from trainer_tui.ui.widgets.title_bar import TitleBar

CUSTOM = "custom"
#: The trainer chosen last in this run of the app, offered first next time.
_last_trainer_id: list[str] = []


class SessionSetupScreen(TrainerScreen):
    """A new session of the cohort; on creation, the attendance screen replaces this one."""

    HELP_KEY = "help.session_setup"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "ui.session.key.create"),
        Binding("ctrl+o", "reopen", "ui.session.key.reopen"),
        Binding("ctrl+t", "add_trainer", "ui.key.add_trainer"),
        Binding("ctrl+f", "find_skill", "ui.session.key.find", show=False),
        Binding("escape", "back", "ui.key.back"),
    ]
    DEFAULT_CSS = """
    #setup { height: 1fr; padding: 0 1; }
    #setup .row { height: 1; margin-bottom: 1; }
    #setup .row Label { padding: 0 1 0 0; }
    #setup .row Input { margin-right: 2; }
    #date { width: 13; }
    #start, #end { width: 8; }
    #slot { width: 30; margin-right: 2; }
    #kind { width: 26; margin-right: 2; }
    #trainer { width: 34; }
    #chosen { height: auto; max-height: 2; color: $text-accent; }
    #filter { margin-top: 1; }
    #skills { height: 1fr; min-height: 4; }
    """

    def __init__(self, cohort: Cohort) -> None:
        super().__init__()
        self.cohort = cohort
        #: Skills ticked, in the order the trainer ticked them (kept while the filter changes).
        self.chosen: dict[str, None] = {}
        self._skills: list[Skill] = []

    def compose(self) -> ComposeResult:
        """The fields of a session on a few lines, then the skills list with its filter."""
        ws = self.trainer_app.workspace
        now = ws.clock()
        slot = session_flow.default_slot(now)
        start, end = session_flow.SLOTS[slot]
        trainers = ws.trainers()
        remembered = self._remembered_trainer(trainers)
        yield TitleBar()
        with Vertical(id="setup"):
            yield Label(
                t("ui.session.setup.title", cohort=self.cohort.name), classes="dialog-title"
            )
            with Horizontal(classes="row"):
                yield Label(t("ui.session.setup.date"))
                yield Input(format_date(now.date()), id="date", compact=True)
                yield Label(t("ui.session.setup.slot"))
                yield Select(
                    self._slot_options(), value=slot, allow_blank=False, id="slot", compact=True
                )
            with Horizontal(classes="row"):
                yield Label(t("ui.session.setup.start"))
                yield Input(start.isoformat("minutes"), id="start", compact=True)
                yield Label(t("ui.session.setup.end"))
                yield Input(end.isoformat("minutes"), id="end", compact=True)
                yield Label(t("ui.session.setup.kind"))
                kinds = [(t(f"session.kind.{k.value}"), k.value) for k in SessionKind]
                yield Select(
                    kinds,
                    value=SessionKind.PRACTICAL.value,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label(t("ui.session.setup.trainer"))
                yield Select(
                    [(tr.name, tr.id) for tr in trainers],
                    value=remembered or Select.NULL,
                    prompt=t("ui.session.setup.no_trainer"),
                    id="trainer",
                    compact=True,
                )
            yield Static(id="chosen")
            yield Input(placeholder=t("ui.session.setup.filter"), id="filter", compact=True)
            yield SelectionList[str](id="skills", compact=True)
            yield FormError()
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the skills list and give the keyboard to its filter.

        Date, slot and trainer are usually right as offered; the skills are what a trainer
        always types, so the filter gets the focus (Shift+Tab goes back up to the times).
        """
        catalogue = self.trainer_app.workspace.catalogue
        self._skills = [s for block in catalogue.blocks for s in block.active_skills]
        self._fill_skills("")
        self._show_chosen()
        self.query_one("#filter", Input).focus()

    def _remembered_trainer(self, trainers: list[Trainer]) -> str | None:
        """The trainer used last in this run, else the one of the cohort's latest session."""
        ids = [tr.id for tr in trainers]
        if _last_trainer_id and _last_trainer_id[0] in ids:
            return _last_trainer_id[0]
        records = self.trainer_app.workspace.cohort_records(self.cohort)
        found = session_flow.last_trainer(records, trainers)
        return found.id if found else None

    @staticmethod
    def _slot_options() -> list[tuple[str, str]]:
        options = []
        for name, (start, end) in session_flow.SLOTS.items():
            label = t(f"ui.session.setup.slot_{name}")
            options.append(
                (f"{label} {start.isoformat('minutes')}–{end.isoformat('minutes')}", name)
            )
        options.append((t("ui.session.setup.slot_custom"), CUSTOM))
        return options

    # -- skills: filter as you type, ticks kept across filters -------------------------------

    def _matches(self, text: str) -> list[Skill]:
        wanted = text.strip().casefold()
        language = get_language()
        return [
            s
            for s in self._skills
            if not wanted or wanted in s.id.casefold() or wanted in s.title.get(language).casefold()
        ]

    def _fill_skills(self, text: str) -> None:
        language = get_language()
        skills = self.query_one("#skills", SelectionList)
        skills.clear_options()
        skills.add_options(
            Selection(f"{s.id}  {s.title.get(language)}", s.id, s.id in self.chosen)
            for s in self._matches(text)
        )

    def _show_chosen(self) -> None:
        chosen = ", ".join(self.chosen) or t("ui.session.setup.none_chosen")
        self.query_one("#chosen", Static).update(t("ui.session.setup.chosen", skills=chosen))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill_skills(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter ticks (or unticks) the first match, then clears the filter."""
        event.stop()
        matches = self._matches(event.value)
        if event.value.strip() and matches:
            self._toggle(matches[0].id)
            event.input.value = ""

    @on(SelectionList.SelectionToggled, "#skills")
    def _skill_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        self._toggle(event.selection.value, in_list=True)

    def _toggle(self, skill_id: str, in_list: bool = False) -> None:
        if skill_id in self.chosen:
            del self.chosen[skill_id]
        else:
            self.chosen[skill_id] = None
        if not in_list:
            self._fill_skills(self.query_one("#filter", Input).value)
        self._show_chosen()

    # -- slot and times ------------------------------------------------------------------------

    @on(Select.Changed, "#slot")
    def _slot_changed(self, event: Select.Changed) -> None:
        if event.value in session_flow.SLOTS:
            start, end = session_flow.SLOTS[str(event.value)]
            self.query_one("#start", Input).value = start.isoformat("minutes")
            self.query_one("#end", Input).value = end.isoformat("minutes")

    @on(Input.Changed, "#start, #end")
    def _times_changed(self, _event: Input.Changed) -> None:
        """Times typed by hand that match no usual slot make the slot "custom"."""
        slot = self.query_one("#slot", Select)
        times = (self.query_one("#start", Input).value, self.query_one("#end", Input).value)
        for name, (start, end) in session_flow.SLOTS.items():
            if times == (start.isoformat("minutes"), end.isoformat("minutes")):
                slot.value = name
                return
        slot.value = CUSTOM

    @on(Input.Submitted, "#date, #start, #end")
    def _field_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    # -- actions ---------------------------------------------------------------------------------

    def action_create(self) -> None:
        """Record the session through the services, then go to attendance."""
        error = self.query_one(FormError)
        try:
            session = self._record()
        except RuleViolation as violation:
            error.show(violation)
            return
        if session is None:
            error.update(t("ui.session.setup.need_skill"))
            return
        _last_trainer_id[:] = [session.trainer_id]
        from trainer_tui.ui.screens.attendance import AttendanceScreen

        self.notify(t("ui.session.setup.created", date=format_date(session.date)), timeout=3)
        self.app.switch_screen(AttendanceScreen(self.cohort, session))

    def _record(self) -> Session | None:
        """The recorded session, or ``None`` when a practical session has no skill."""
        ws = self.trainer_app.workspace
        kind = SessionKind(str(self.query_one("#kind", Select).value))
        if kind is SessionKind.PRACTICAL and not self.chosen:
            return None
        trainer_id = self.query_one("#trainer", Select).value
        if trainer_id is Select.NULL:
            raise RuleViolation("missing", "trainer", "missing trainer")
        trainer = next(tr for tr in ws.trainers() if tr.id == trainer_id)
        return activity.record_session(
            ws,
            self.cohort,
            date=parse_date(self.query_one("#date", Input).value, "date"),
            start=parse_time(self.query_one("#start", Input).value, "start"),
            end=parse_time(self.query_one("#end", Input).value, "end"),
            kind=kind,
            trainer=trainer,
            skill_ids=list(self.chosen),
        )

    def action_reopen(self) -> None:
        """Pick an existing session and reopen its attendance (then its grid)."""
        ws = self.trainer_app.workspace
        records = ws.cohort_records(self.cohort)
        trainers = {tr.id: tr.initials for tr in ws.trainers()}

        def chosen(session: Session | None) -> None:
            if session is not None:
                from trainer_tui.ui.screens.attendance import AttendanceScreen

                self.app.switch_screen(AttendanceScreen(self.cohort, session))

        self.app.push_screen(SessionPicker(self.cohort, records.sessions, trainers), chosen)

    def action_add_trainer(self) -> None:
        """Add a trainer (none exist in a new data folder) and choose them."""
        from trainer_tui.ui.screens.trainer_form import TrainerForm

        def added(trainer: Trainer | None) -> None:
            if trainer is None:
                return
            trainers = self.trainer_app.workspace.trainers()
            select = self.query_one("#trainer", Select)
            select.set_options([(tr.name, tr.id) for tr in trainers])
            select.value = trainer.id

        self.app.push_screen(TrainerForm(), callback=added)

    def action_find_skill(self) -> None:
        """Back to the skills filter, from wherever the cursor is."""
        field = self.query_one("#filter", Input)
        field.focus()
        field.select_all()

    def action_back(self) -> None:
        """Leave without creating anything."""
        self.app.pop_screen()
