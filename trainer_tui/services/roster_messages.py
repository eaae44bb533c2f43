"""Roster import problems in words: shared by the TUI and the CLI."""

from __future__ import annotations

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_violation, has, t
from trainer_tui.services.roster import RosterPreview, RosterProblem


def describe_error(error: RuleViolation) -> str:
    """A roster file error (``roster.error.<code>``) or any other rule violation, translated."""
    key = f"roster.error.{error.code}"
    return t(key, **error.params) if has(key) else describe_violation(error)


def describe_problems(preview: RosterPreview) -> list[str]:
    """One line per bad row of the file: its number, then everything wrong with it."""
    by_line: dict[int, list[RosterProblem]] = {}
    for problem in preview.problems:
        by_line.setdefault(problem.line, []).append(problem)
    return [
        t(
            "roster.line",
            line=line,
            problems=t("roster.sep").join(
                t(f"roster.problem.{p.code}", **p.params) for p in problems
            ),
        )
        for line, problems in sorted(by_line.items())
    ]
