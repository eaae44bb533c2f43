"""Catalogue errors that say where the problem is: file, line, skill id and field."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from trainer_tui.i18n import describe_error, t


class CatalogueError(Exception):
    """A broken catalogue file. ``str()`` gives one line in the current language."""

    def __init__(
        self,
        file: Path,
        code: str,
        params: Mapping[str, Any],
        fallback: str,
        *,
        skill_id: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = file
        self.code = code
        self.params = dict(params)
        self.fallback = fallback
        self.skill_id = skill_id
        self.field = field
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        """One line: ``file, line N: skill X, field Y: what is wrong``."""
        where = [
            str(self.file)
            if self.line is None
            else t("catalogue.where.file_line", file=self.file, line=self.line)
        ]
        if self.skill_id:
            where.append(t("catalogue.where.skill", id=self.skill_id))
        if self.field:
            where.append(t("catalogue.where.field", field=self.field))
        what = describe_error(self.code, self.params, self.fallback)
        return t("catalogue.where.join", where=t("catalogue.where.sep").join(where), what=what)

    def __str__(self) -> str:
        return self.render()


def _loc_to_field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _pydantic_params(error: ErrorDetails) -> dict[str, Any]:
    params: dict[str, Any] = dict(error.get("ctx") or {})
    params.setdefault("input", error.get("input"))
    return params


def from_validation_error(
    file: Path, error: ValidationError, raw: Mapping[str, Any], text: str
) -> CatalogueError:
    """Turn the first pydantic error of a block or header file into a located error.

    A location such as ``("skills", 3, "title", "en")`` becomes skill id of the fourth skill
    and field ``title.en``.
    """
    first = error.errors()[0]
    loc = tuple(first["loc"])
    skill_id: str | None = None
    if len(loc) >= 2 and loc[0] == "skills" and isinstance(loc[1], int):
        skills = raw.get("skills")
        if isinstance(skills, list) and loc[1] < len(skills) and isinstance(skills[loc[1]], dict):
            found = skills[loc[1]].get("id")
            skill_id = str(found) if found else t("catalogue.where.nth_skill", n=loc[1] + 1)
        loc = loc[2:]
    field = _loc_to_field(loc) or None
    if first["type"] == "min_gt_max" and field and field.endswith("measurement"):
        field = f"{field}.min"
    return CatalogueError(
        file,
        first["type"],
        _pydantic_params(first),
        first["msg"],
        skill_id=skill_id,
        field=field,
        line=line_of_skill(text, skill_id),
    )


def line_of_skill(text: str, skill_id: str | None) -> int | None:
    """The line where ``id = "<skill_id>"`` stands in ``text``, to point an editor at it."""
    if not skill_id:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.replace(" ", "")
        if stripped.startswith(f'id="{skill_id}"') or stripped.startswith(f"id='{skill_id}'"):
            return number
    return None
