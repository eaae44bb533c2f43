"""The words of the rating grid: row labels, the skill panel, what was saved or undone."""

from __future__ import annotations

from rich.text import Text

from trainer_tui.domain.catalogue import Catalogue, Skill
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Trainee
from trainer_tui.domain.records import Assessment, Attendance, AttendanceStatus
from trainer_tui.domain.rules import suggested_level
from trainer_tui.i18n import describe_violation, format_date, get_language, t
from trainer_tui.services.parsing import parse_number
from trainer_tui.services.session_flow import Step
from trainer_tui.ui.widgets.session_widgets import short_name


def number(value: float) -> str:
    """A measured value or bound as the trainer writes it (``0,1`` in French, ``30``)."""
    return f"{value:.6g}".replace(".", t("format.decimal_separator"))


class GridWords:
    """The texts of the rating grid: row labels, the skill panel, what was saved or undone."""

    def __init__(self, catalogue: Catalogue, session_id: str) -> None:
        self.catalogue = catalogue
        self.session_id = session_id

    def row_label(self, trainee: Trainee, mark: Attendance | None) -> Text:
        """``BAMBA Inès``, with ``+15'`` when late; dimmed with the status when not in the room."""
        name = f"{trainee.last_name.upper()} {trainee.first_name}"
        if mark is None or mark.status is AttendanceStatus.PRESENT:
            return Text(name)
        if mark.status is AttendanceStatus.LATE:
            return Text.assemble(name, (f" +{mark.late_minutes}′", "yellow"))
        return Text(f"{name} ({t(f'session.status.{mark.status.value}')})", style="dim strike")

    def level_text(self, level: int) -> str:
        """``3 Acquis``."""
        return f"{level} {self.catalogue.scale.label(level, get_language())}"

    def spec_text(self, skill: Skill) -> str:
        """The acceptable range of a skill's measured value, and the levels it supports."""
        spec = skill.measurement
        if spec is None:
            return ""
        quantity = self.catalogue.quantities[spec.quantity]
        if spec.min is not None and spec.max is not None:
            rule = t("ui.session.grid.between", low=number(spec.min), high=number(spec.max))
        elif spec.max is not None:
            rule = f"≤ {number(spec.max)}"
        else:
            rule = f"≥ {number(spec.min or 0)}"
        return t(
            "ui.session.grid.spec",
            quantity=quantity.label.get(get_language()),
            rule=rule,
            unit=spec.unit,
            levels="–".join(str(level) for level in (min(spec.levels), max(spec.levels))),
        )

    def info_text(self, trainee: Trainee, skill: Skill, current: Assessment | None) -> Text:
        """The panel under the grid, most useful first (it may be cut at 80x24).

        The skill and its expected measurement, the cell's current level, then the criterion.
        """
        language = get_language()
        text = Text.assemble((skill.id, "bold"), f" {skill.title.get(language)}")
        if skill.measurement is not None:
            text.append(" · " + self.spec_text(skill), style="cyan")
        name = short_name(trainee.first_name, trainee.last_name)
        text.append("\n" + t("ui.session.grid.cell", name=name))
        if current is None:
            text.append(t("ui.session.grid.never"), style="dim")
        else:
            text.append(self.level_text(current.level), style="bold")
            if current.measured_value is not None:
                unit = skill.measurement.unit if skill.measurement else ""
                text.append(f" ({number(current.measured_value)} {unit})")
            if current.session_id != self.session_id:
                day = format_date(current.recorded_at.date())
                text.append(" " + t("ui.session.grid.earlier", date=day), style="dim")
            elif current.note:
                text.append(f" ✎ {current.note}", style="magenta")
        text.append("\n" + skill.criterion.get(language), style="italic")
        return text

    def suggestion_text(self, skill: Skill, typed: str) -> tuple[str, bool]:
        """What a value being typed would store, and whether it is an error."""
        spec = skill.measurement
        if spec is None or not typed.strip(" +-.,"):
            return self.spec_text(skill), False
        try:
            value = parse_number(typed, "measured_value")
        except RuleViolation as error:
            return describe_violation(error), True
        quantity = self.catalogue.quantities[spec.quantity]
        if not quantity.is_possible(value):
            return t(
                "validation.value_impossible",
                value=number(value),
                unit=quantity.unit,
                low=number(quantity.physical_min),
                high=number(quantity.physical_max),
            ), True
        level = suggested_level(skill, value, self.catalogue)
        key = (
            "ui.session.grid.suggests_ok" if spec.accepts(value) else "ui.session.grid.suggests_low"
        )
        return t(key, level=self.level_text(level if level is not None else 0)), False

    def saved_text(self, step: Step) -> str:
        """``Enregistré 10:32:05 — SPL-04 niveau 3 pour Inès B.`` (or for the column)."""
        made = step.made[0]
        when = made.recorded_at.strftime("%H:%M:%S")
        if len(step.made) > 1:
            return t(
                "ui.session.grid.saved_column",
                time=when,
                skill=made.skill_id,
                level=made.level,
                count=len(step.made),
            )
        trainee = step.ratings[0][0]
        text = t(
            "ui.session.grid.saved",
            time=when,
            skill=made.skill_id,
            level=made.level,
            name=short_name(trainee.first_name, trainee.last_name),
        )
        if made.measured_value is not None:
            text += " " + t("ui.session.grid.with_value", value=number(made.measured_value))
        if made.note:
            text += " " + t("ui.session.grid.with_note")
        return text

    def undone_text(self, step: Step) -> str:
        """What an undo put back."""
        trainee, skill_id = step.ratings[0][0], step.ratings[0][1]
        if len(step.ratings) > 1:
            return t("ui.session.grid.undone_column", skill=skill_id, count=len(step.ratings))
        before = step.before[0]
        return t(
            "ui.session.grid.undone",
            skill=skill_id,
            name=short_name(trainee.first_name, trainee.last_name),
            level=before.level if before else "·",
        )
