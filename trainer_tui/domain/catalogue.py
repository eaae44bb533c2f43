"""The skills catalogue: rating scale, measured quantities, blocks and skills.

A catalogue is data (``skills/*.toml``) turned into these validated, immutable models. Skill
ids are stable: a skill is retired, never renumbered or reused, so that years of assessments
keep pointing at the right gesture.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from trainer_tui.domain.text import DomainModel, Language, LocalizedText, domain_error

#: Units a measurement may use. A closed list so that a typo ("db", "dbm") is caught.
KNOWN_UNITS: frozenset[str] = frozenset(
    {"dB", "dBm", "m", "km", "mm", "cm", "min", "s", "ns", "nm", "%", "daN", "kg"}
)

SkillId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
BlockId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,7}$")]
QuantityKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
CatalogueId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CatalogueVersion = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]


class BlockKind(StrEnum):
    """What part of the programme a block belongs to."""

    TRADE = "trade"
    REMEDIAL = "remedial"
    WORKPLACE = "workplace"
    DRIVING = "driving"


class ScaleLevel(DomainModel):
    """One level of the rating scale, e.g. ``3 Acquis``."""

    value: int = Field(ge=0, le=20)
    label: LocalizedText
    meaning: LocalizedText | None = None


class RatingScale(DomainModel):
    """An ordered rating scale; levels from ``proficient_from`` up count as proficient."""

    levels: tuple[ScaleLevel, ...] = Field(min_length=2)
    proficient_from: int

    @model_validator(mode="after")
    def _check_order_and_threshold(self) -> RatingScale:
        values = [level.value for level in self.levels]
        if len(set(values)) != len(values):
            raise domain_error(
                "scale_duplicate", "scale levels must be unique: {values}", values=values
            )
        if values != sorted(values):
            raise domain_error(
                "scale_unordered",
                "scale levels must be in ascending order: {values}",
                values=values,
            )
        if not values[0] < self.proficient_from <= values[-1]:
            raise domain_error(
                "scale_threshold",
                "proficient_from ({threshold}) must be above "
                "the lowest level and at most the highest ({values})",
                threshold=self.proficient_from,
                values=values,
            )
        return self

    @property
    def values(self) -> tuple[int, ...]:
        """The level values, lowest first."""
        return tuple(level.value for level in self.levels)

    @property
    def not_assessed(self) -> int:
        """The lowest level, which means "not assessed yet"."""
        return self.levels[0].value

    @property
    def highest(self) -> int:
        """The highest level."""
        return self.levels[-1].value

    def is_proficient(self, level: int) -> bool:
        """Whether ``level`` counts as proficient."""
        return level >= self.proficient_from

    def label(self, level: int, language: Language) -> str:
        """The label of ``level`` in ``language``."""
        for candidate in self.levels:
            if candidate.value == level:
                return candidate.label.get(language)
        raise KeyError(level)


class Quantity(DomainModel):
    """A measurable quantity (splice loss, received power...) and its physically possible range.

    A value outside ``physical_min..physical_max`` cannot come from an instrument: it is a
    typing mistake and is refused, whereas a value outside a skill's acceptable range is a
    legitimate (failed) measurement.
    """

    unit: str
    label: LocalizedText
    physical_min: float
    physical_max: float

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in KNOWN_UNITS:
            raise domain_error(
                "unknown_unit",
                "unknown unit {unit!r}; known units: {known}",
                unit=unit,
                known=", ".join(sorted(KNOWN_UNITS)),
            )
        return unit

    @model_validator(mode="after")
    def _check_range(self) -> Quantity:
        if self.physical_min >= self.physical_max:
            raise domain_error(
                "min_gt_max",
                "min ({min}) must be below max ({max})",
                min=self.physical_min,
                max=self.physical_max,
            )
        return self

    def is_possible(self, value: float) -> bool:
        """Whether an instrument could show ``value``."""
        return self.physical_min <= value <= self.physical_max


class MeasurementSpec(DomainModel):
    """What a skill's measured value must be to support the levels in ``levels``."""

    quantity: QuantityKey
    unit: str
    min: float | None = None
    max: float | None = None
    levels: tuple[int, ...] = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        return Quantity._known_unit(unit)

    @model_validator(mode="after")
    def _check_bounds(self) -> MeasurementSpec:
        if self.min is None and self.max is None:
            raise domain_error("no_bound", "a measurement needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise domain_error(
                "min_gt_max", "min ({min}) must not exceed max ({max})", min=self.min, max=self.max
            )
        return self

    def accepts(self, value: float) -> bool:
        """Whether ``value`` is inside the acceptable range."""
        above_min = self.min is None or value >= self.min
        below_max = self.max is None or value <= self.max
        return above_min and below_max


class Skill(DomainModel):
    """One observable competency, with a stable id."""

    id: SkillId
    title: LocalizedText
    criterion: LocalizedText
    related: tuple[SkillId, ...] = ()
    retired: bool = False
    measurement: MeasurementSpec | None = None


class Block(DomainModel):
    """A block of skills (safety, splicing, applied maths, driving...)."""

    id: BlockId
    order: int = Field(ge=0)
    kind: BlockKind
    title: LocalizedText
    skills: tuple[Skill, ...] = Field(min_length=1)

    @property
    def active_skills(self) -> tuple[Skill, ...]:
        """The skills still in use (not retired)."""
        return tuple(skill for skill in self.skills if not skill.retired)


class Catalogue(DomainModel):
    """A whole validated catalogue. Cross-references are checked here."""

    id: CatalogueId
    version: CatalogueVersion
    title: LocalizedText
    scale: RatingScale
    quantities: dict[QuantityKey, Quantity]
    blocks: tuple[Block, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> Catalogue:
        seen: set[str] = set()
        for block in self.blocks:
            for skill in block.skills:
                if skill.id in seen:
                    raise domain_error("duplicate_id", "skill id {id} is used twice", id=skill.id)
                seen.add(skill.id)
        for block in self.blocks:
            for skill in block.skills:
                check_measurement(skill, self.quantities, self.scale)
                for related in skill.related:
                    if related not in seen:
                        raise domain_error(
                            "unknown_related",
                            "{id} refers to unknown skill {related}",
                            id=skill.id,
                            related=related,
                        )
        return self

    @cached_property
    def _skills_by_id(self) -> dict[str, tuple[Block, Skill]]:
        return {skill.id: (block, skill) for block in self.blocks for skill in block.skills}

    @property
    def skills(self) -> tuple[Skill, ...]:
        """Every skill, in block order, retired ones included."""
        return tuple(skill for block in self.blocks for skill in block.skills)

    def skill(self, skill_id: str) -> Skill:
        """The skill with ``skill_id``; ``KeyError`` if unknown."""
        return self._skills_by_id[skill_id][1]

    def block_of(self, skill_id: str) -> Block:
        """The block that holds ``skill_id``; ``KeyError`` if unknown."""
        return self._skills_by_id[skill_id][0]

    def has_skill(self, skill_id: str) -> bool:
        """Whether ``skill_id`` exists in this catalogue (retired or not)."""
        return skill_id in self._skills_by_id

    @property
    def driving_blocks(self) -> tuple[Block, ...]:
        """The blocks that hold driving competencies (REMC)."""
        return tuple(block for block in self.blocks if block.kind is BlockKind.DRIVING)


def check_measurement(skill: Skill, quantities: dict[str, Quantity], scale: RatingScale) -> None:
    """Check that ``skill``'s measurement spec is coherent with the quantities and the scale.

    Raises a translatable validation error naming what is wrong.
    """
    spec = skill.measurement
    if spec is None:
        return
    quantity = quantities.get(spec.quantity)
    if quantity is None:
        raise domain_error(
            "unknown_quantity",
            "unknown quantity {quantity!r}; known: {known}",
            quantity=spec.quantity,
            known=", ".join(sorted(quantities)),
        )
    if spec.unit != quantity.unit:
        raise domain_error(
            "unit_mismatch",
            "unit {unit!r} differs from the unit of {quantity} ({expected!r})",
            unit=spec.unit,
            quantity=spec.quantity,
            expected=quantity.unit,
        )
    for bound in (spec.min, spec.max):
        if bound is not None and not quantity.is_possible(bound):
            raise domain_error(
                "bound_outside_physical",
                "bound {bound} is outside the physical range {low}..{high} of {quantity}",
                bound=bound,
                low=quantity.physical_min,
                high=quantity.physical_max,
                quantity=spec.quantity,
            )
    for level in spec.levels:
        if level not in scale.values:
            raise domain_error(
                "level_outside_scale",
                "level {level} is not on the scale {values}",
                level=level,
                values=list(scale.values),
            )
