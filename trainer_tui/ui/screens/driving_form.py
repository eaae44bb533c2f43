"""Log a driving lesson from the trainee file: when, how long, who taught, what was worked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Label, Select, SelectionList
from textual.widgets.selection_list import Selection

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.records import Gearbox
from trainer_tui.i18n import format_date, get_language, t
from trainer_tui.services import activity
from trainer_tui.services.parsing import parse_date, parse_int, parse_time
from trainer_tui.ui.screens.trainee_forms import TraineeDialog
from trainer_tui.ui.widgets.form import FormField, values

#: The instructor and school typed last in this run: the same ones teach most lessons.
_last_used: dict[str, str] = {}


class DrivingLessonDialog(TraineeDialog):
    """Returns the lesson once stored (checked: 15 min to 4 h, no overlap, within the cohort)."""

    HELP_KEY = "help.driving"
    DEFAULT_CSS = """
    DrivingLessonDialog FormField { margin-bottom: 0; }
    DrivingLessonDialog #gearbox { width: 1fr; margin-bottom: 0; }
    DrivingLessonDialog #competencies { height: 6; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        """The lesson's fields; the date is today, the instructor the last one typed."""
        ws = self.trainer_app.workspace
        language = get_language()
        with VerticalScroll(classes="dialog"):
            yield Label(
                t("ui.driving.title", name=escape(self.trainee.full_name)), classes="dialog-title"
            )
            yield FormField(t("ui.driving.date"), "date", format_date(ws.today()))
            yield FormField(t("ui.driving.start"), "start", placeholder="14:00")
            yield FormField(t("ui.driving.minutes"), "minutes", "60")
            yield FormField(
                t("ui.driving.instructor"), "instructor", _last_used.get("instructor", "")
            )
            yield FormField(t("ui.driving.school"), "school", _last_used.get("school", ""))
            yield FormField(t("ui.driving.comment"), "comment")
            yield Select(
                [(t(f"ui.driving.gearbox.{g.value}"), g.value) for g in Gearbox],
                value=Gearbox.MANUAL.value,
                allow_blank=False,
                id="gearbox",
                compact=True,
            )
            yield SelectionList[str](
                *(
                    Selection(f"{skill.id}  {skill.title.get(language)}", skill.id)
                    for block in ws.catalogue.driving_blocks
                    for skill in block.active_skills
                ),
                id="competencies",
                compact=True,
            )
            yield from self.buttons(t("ui.button.save"))

    def on_mount(self) -> None:
        """Start at the time: the date is usually today."""
        self.query_one("#start", Input).focus()

    def action_save(self) -> None:
        """Store through ``activity.log_driving``, which checks every rule."""
        given = values(self.query(Input))
        try:
            lesson = activity.log_driving(
                self.trainer_app.workspace,
                self.cohort,
                self.trainee,
                date=parse_date(given["date"], "date"),
                start=parse_time(given["start"], "start"),
                minutes=parse_int(given["minutes"], "minutes"),
                instructor=given["instructor"],
                driving_school=given["school"],
                gearbox=Gearbox(str(self.query_one("#gearbox", Select).value)),
                competencies=self.query_one("#competencies", SelectionList).selected,
                comment=given["comment"],
            )
        except RuleViolation as error:
            self.show_error(error)
            return
        _last_used.update(instructor=given["instructor"], school=given["school"])
        self.dismiss(lesson)
