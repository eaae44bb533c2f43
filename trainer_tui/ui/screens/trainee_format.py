"""How the trainee file writes hours, dates, levels and measures in the current language."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.records import Assessment
from trainer_tui.i18n import decimal, format_date, get_language, t

#: Width of a block's progress bar in the progression table.
BAR_WIDTH = 10


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal, in the language's format (``12,5``)."""
    return decimal(minutes / 60, 1)


def clock(time: dt.time) -> str:
    """A time of day as the language writes it (``9h00`` or ``09:00``)."""
    return t("ui.trainee.time", hour=time.hour, minute=time.minute)


def when(moment: dt.datetime) -> str:
    """A date and a time of day."""
    return f"{format_date(moment.date())} {clock(moment.time())}"


def number(value: float) -> str:
    """A measured value without useless zeros, with the language's decimal separator."""
    return f"{value:g}".replace(".", t("format.decimal_separator"))


def percent(share: float) -> int:
    """A share between 0 and 1 as a whole percentage."""
    return round(share * 100)


def progress_bar(share: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells, full up to ``share``."""
    full = round(max(0.0, min(1.0, share)) * width)
    return "█" * full + "░" * (width - full)


def level_label(catalogue: Catalogue, level: int) -> str:
    """``3 Acquis``: the level and its label on the catalogue's scale."""
    try:
        return f"{level} {catalogue.scale.label(level, get_language())}"
    except KeyError:
        return str(level)


def measure(catalogue: Catalogue, assessment: Assessment | None) -> str:
    """The measured value of an assessment with the skill's unit, or an empty text."""
    if assessment is None or assessment.measured_value is None:
        return ""
    unit = ""
    if catalogue.has_skill(assessment.skill_id):
        spec = catalogue.skill(assessment.skill_id).measurement
        unit = f" {spec.unit}" if spec else ""
    return number(assessment.measured_value) + unit


def add_columns(table: DataTable[object], prefix: str, keys: str) -> None:
    """Add the columns named in ``keys`` (space-separated), headed by ``prefix.<key>``."""
    for key in keys.split():
        table.add_column(t(f"{prefix}.{key}"), key=key)


def skill_title(catalogue: Catalogue, skill_id: str) -> str:
    """A skill's title in the current language (its id if the catalogue lost it)."""
    if not catalogue.has_skill(skill_id):
        return skill_id
    return catalogue.skill(skill_id).title.get(get_language())


# -- progression -----------------------------------------------------------------------------
