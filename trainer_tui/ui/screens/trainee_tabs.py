"""The four tabs of the trainee file: the rows of each table and the detail lines.

Functions here only turn a :class:`TraineeFile` into cells and text in the current language;
the screen (``trainee.py``) owns the widgets and the actions.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape
from textual.widgets import DataTable

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.hours import total_hours
from trainer_tui.domain.progress import BlockProgress
from trainer_tui.i18n import decimal, format_date, get_language, t
from trainer_tui.services.trainee_file import HistoryLine, SkillLine, TraineeFile
from trainer_tui.ui.screens.trainee_format import (
    add_columns,
    clock,
    hours,
    level_label,
    measure,
    percent,
    progress_bar,
    skill_title,
    when,
)

#: Widths of the progression table's id, date and measure columns.
ID_WIDTH, DATE_WIDTH, VALUE_WIDTH = 8, 10, 9
#: Narrowest the skill titles get, however small the terminal.
MIN_TITLE_WIDTH = 16


def progress_columns(table: DataTable[object], catalogue: Catalogue, width: int) -> None:
    """(Re)create the progression table's columns for a terminal ``width`` cells wide.

    The level column fits the longest level label; the skill titles get what is left once
    every column's padding and the scrollbar fit (the detail line shows them in full).
    """
    keys = ("id", "title", "level", "date", "value")
    headers = {key: t(f"ui.trainee.progress.col.{key}") for key in keys}
    level_width = max(len(level_label(catalogue, value)) for value in catalogue.scale.values)
    widths = {"id": ID_WIDTH, "level": level_width, "date": DATE_WIDTH, "value": VALUE_WIDTH}
    widths = {key: max(size, len(headers[key])) for key, size in widths.items()}
    fixed = sum(widths.values()) + 2 * len(keys) + 3
    widths["title"] = max(MIN_TITLE_WIDTH, width - fixed)
    table.clear(columns=True)
    for key in keys:
        table.add_column(headers[key], key=key, width=widths[key])


def _block_cells(block: BlockProgress, title: str) -> tuple[Text, ...]:
    share = percent(block.share)
    return (
        Text(block.block_id, style="bold"),
        Text(
            t(
                "ui.trainee.progress.block",
                title=title,
                proficient=block.proficient,
                total=block.total,
            ),
            style="bold",
            overflow="ellipsis",
            no_wrap=True,
        ),
        Text(t("ui.trainee.progress.bar", bar=progress_bar(block.share), percent=share)),
        Text(""),
        Text(""),
    )


def _skill_cells(catalogue: Catalogue, line: SkillLine) -> tuple[Text, ...]:
    title = line.skill.title.get(get_language())
    if line.skill.retired:
        title = f"{title} {t('ui.trainee.retired')}"
    current = line.current
    if current is None:
        level = Text(t("ui.trainee.never"), style="dim italic")
        date = ""
    else:
        proficient = catalogue.scale.is_proficient(current.level)
        level = Text(level_label(catalogue, current.level), style="bold" if proficient else "")
        date = format_date(current.recorded_at.date())
    return (
        Text(line.skill.id),
        Text(title, overflow="ellipsis", no_wrap=True),
        level,
        Text(date),
        Text(measure(catalogue, current)),
    )


def fill_progress(
    table: DataTable[object], file: TraineeFile, catalogue: Catalogue, *, never_only: bool
) -> None:
    """One row per block (bar and share acquired), then one per skill of the block."""
    table.clear()
    floor = catalogue.scale.not_assessed
    blocks = {block.block_id: block for block in file.blocks}
    for block in catalogue.blocks:
        lines = [line for line in file.skills if line.block.id == block.id]
        if never_only:
            lines = [line for line in lines if line.never_assessed(floor)]
        if not lines:
            continue
        title = block.title.get(get_language())
        table.add_row(*_block_cells(blocks[block.id], title), key=f"block:{block.id}")
        for line in lines:
            table.add_row(*_skill_cells(catalogue, line), key=f"skill:{line.skill.id}")


def progress_detail(file: TraineeFile, catalogue: Catalogue, row_key: str | None) -> str:
    """The full title and criterion of the highlighted skill, or the block's summary."""
    if not row_key:
        return t("ui.trainee.progress.empty")
    kind, _, ident = row_key.partition(":")
    language = get_language()
    if kind == "block":
        block = next(b for b in catalogue.blocks if b.id == ident)
        progress = next(b for b in file.blocks if b.block_id == ident)
        return t(
            "ui.trainee.progress.block_detail",
            id=ident,
            title=escape(block.title.get(language)),
            proficient=progress.proficient,
            total=progress.total,
            percent=percent(progress.share),
        )
    skill = catalogue.skill(ident)
    return t(
        "ui.trainee.progress.detail",
        id=ident,
        title=escape(skill.title.get(language)),
        criterion=escape(skill.criterion.get(language)),
    )


# -- history ---------------------------------------------------------------------------------


def history_columns(table: DataTable[object]) -> None:
    """The columns of the history table."""
    add_columns(table, "ui.trainee.history.col", "when skill level value trainer session note")


def session_label(line: HistoryLine, *, short: bool = False) -> str:
    """``séance du 12/11/2026 (pratique)`` (``12/11/2026 (pratique)`` if ``short``)."""
    if line.session is None:
        return t("ui.trainee.history.no_session")
    return t(
        "ui.trainee.history.session_short" if short else "ui.trainee.history.session",
        date=format_date(line.session.date),
        kind=t(f"ui.trainee.kind.{line.session.kind.value}"),
    )


def trainer_name(line: HistoryLine) -> str:
    """The name of the trainer who gave the assessment."""
    return line.trainer.name if line.trainer else t("ui.trainee.history.unknown_trainer")


def fill_history(table: DataTable[object], file: TraineeFile, catalogue: Catalogue) -> None:
    """Every assessment, newest first, keyed by its id."""
    table.clear()
    for line in file.history:
        a = line.assessment
        table.add_row(
            Text(when(a.recorded_at)),
            Text(a.skill_id),
            Text(level_label(catalogue, a.level)),
            Text(measure(catalogue, a)),
            Text(trainer_name(line)),
            Text(session_label(line, short=True)),
            Text(a.note[:60] + ("…" if len(a.note) > 60 else "")),
            key=a.id,
        )


def history_detail(line: HistoryLine | None, catalogue: Catalogue) -> str:
    """Everything about the highlighted assessment, on two lines."""
    if line is None:
        return t("ui.trainee.history.empty")
    a = line.assessment
    value = measure(catalogue, a)
    level = level_label(catalogue, a.level) + (f" · {value}" if value else "")
    note = t("ui.trainee.history.note", note=escape(a.note)) if a.note else ""
    return t(
        "ui.trainee.history.detail",
        skill=a.skill_id,
        title=escape(skill_title(catalogue, a.skill_id)),
        level=escape(level),
        when=when(a.recorded_at),
        trainer=escape(trainer_name(line)),
        session=escape(session_label(line)),
        note=note,
    )


# -- attendance and driving ------------------------------------------------------------------

#: Weeks shown under the training total (the most recent ones), to fit 80 columns.
WEEKS_SHOWN = 4


def minutes_text(minutes: int) -> str:
    """``15 min``, or a dash for zero."""
    return t("ui.trainee.minutes", minutes=minutes) if minutes else t("ui.trainee.none")


def fill_attendance(table: DataTable[object], file: TraineeFile) -> None:
    """Each session of the cohort (newest first) with this trainee's mark."""
    if not table.columns:
        add_columns(table, "ui.trainee.attendance.col", "date slot status minutes late early kind")
    table.clear()
    for line in file.attendance:
        session, mark = line.session, line.mark
        status = mark.status.value if mark else "not_marked"
        table.add_row(
            format_date(session.date),
            f"{clock(session.start)}–{clock(session.end)}",
            Text(t(f"ui.trainee.attendance.status.{status}"), style="" if mark else "dim"),
            f"{hours(line.minutes)} h",
            minutes_text(mark.late_minutes if mark else 0),
            minutes_text(mark.left_early_minutes if mark else 0),
            t(f"ui.trainee.kind.{session.kind.value}"),
            key=session.id,
        )


def attendance_total(file: TraineeFile) -> str:
    """The training hours against the cohort's target, then the last weeks and absences."""
    done = file.training
    total = t(
        "ui.trainee.attendance.total",
        done=hours(done.done_minutes),
        target=decimal(done.target_minutes / 60, 0),
        percent=percent(done.share),
        remaining=hours(done.remaining_minutes),
    )
    if not file.weeks:
        return total
    recent = "  ".join(
        t(
            "ui.trainee.attendance.week",
            week=monday.isocalendar()[1],
            attended=hours(tally.attended),
            scheduled=hours(tally.scheduled),
        )
        for monday, tally in file.weeks[-WEEKS_SHOWN:]
    )
    absences = total_hours(dict(file.weeks)).absence_rate
    return total + "\n" + t("ui.trainee.attendance.weeks", weeks=recent, absences=percent(absences))


def fill_driving(table: DataTable[object], file: TraineeFile) -> None:
    """Each driving lesson, newest first."""
    if not table.columns:
        keys = "date start duration instructor school gearbox competencies comment"
        add_columns(table, "ui.trainee.driving.col", keys)
    table.clear()
    for lesson in file.lessons:
        table.add_row(
            format_date(lesson.date),
            clock(lesson.start),
            t("ui.trainee.minutes", minutes=lesson.minutes),
            Text(lesson.instructor),
            Text(lesson.driving_school),
            t(f"ui.trainee.gearbox.{lesson.gearbox.value}"),
            Text(", ".join(lesson.competencies)),
            Text(lesson.comment),
            key=lesson.id,
        )


def driving_total(file: TraineeFile) -> str:
    """The driving hours against the target (21 h) and what is left."""
    done = file.driving
    total = t(
        "ui.trainee.driving.total",
        done=hours(done.done_minutes),
        target=decimal(done.target_minutes / 60, 0),
        remaining=hours(done.remaining_minutes),
    )
    return total if file.lessons else f"{total}\n{t('ui.trainee.driving.empty')}"


def driving_detail(file: TraineeFile, catalogue: Catalogue, lesson_id: str | None) -> str:
    """The highlighted lesson's competencies with their titles, and its comment."""
    lesson = next((d for d in file.lessons if d.id == lesson_id), None)
    if lesson is None:
        return ""
    competencies = " · ".join(
        f"{skill_id} {escape(skill_title(catalogue, skill_id))}" for skill_id in lesson.competencies
    )
    text = t(
        "ui.trainee.driving.detail",
        date=format_date(lesson.date),
        start=clock(lesson.start),
        instructor=escape(lesson.instructor),
        competencies=competencies or t("ui.trainee.driving.no_competency"),
    )
    if lesson.comment:
        text += t("ui.trainee.driving.comment", comment=escape(lesson.comment))
    return text
