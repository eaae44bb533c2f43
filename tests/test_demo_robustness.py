"""The demo generators on other inputs: a minimal catalogue, and the French school calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.demo_checks import check_all
from trainer_tui.demo import DEMO_TODAY, demo_cohort
from trainer_tui.demo.calendar import easter_sunday, is_closed
from trainer_tui.domain.catalogue import (
    Block,
    BlockKind,
    Catalogue,
    MeasurementSpec,
    Quantity,
    RatingScale,
    ScaleLevel,
    Skill,
)
from trainer_tui.domain.records import SessionKind
from trainer_tui.domain.text import LocalizedText

# --- robustness --------------------------------------------------------------------------


def _text(value: str) -> LocalizedText:
    return LocalizedText(fr=value, en=value)


def _skills(prefix: str, count: int) -> tuple[Skill, ...]:
    return tuple(
        Skill(id=f"{prefix}-{n:02d}", title=_text(f"{prefix} {n}"), criterion=_text("ok"))
        for n in range(1, count + 1)
    )


@pytest.fixture
def tiny_catalogue() -> Catalogue:
    """A minimal catalogue: one trade block with a measurement, one driving block."""
    splice = Skill(
        id="SOU-01",
        title=_text("Souder"),
        criterion=_text("perte faible"),
        measurement=MeasurementSpec(quantity="loss", unit="dB", max=0.1, levels=(2, 3)),
    )
    return Catalogue(
        id="tiny",
        version="1",
        title=_text("Tiny"),
        scale=RatingScale(
            levels=tuple(ScaleLevel(value=v, label=_text(str(v))) for v in range(4)),
            proficient_from=2,
        ),
        quantities={
            "loss": Quantity(unit="dB", label=_text("perte"), physical_min=0, physical_max=5)
        },
        blocks=(
            Block(
                id="SOU",
                order=1,
                kind=BlockKind.TRADE,
                title=_text("Soudure"),
                skills=(splice, *_skills("SOU", 3)[1:]),
            ),
            Block(
                id="DRV",
                order=2,
                kind=BlockKind.DRIVING,
                title=_text("Conduite"),
                skills=_skills("DRV", 4),
            ),
        ),
    )


def test_generators_adapt_to_a_minimal_catalogue(tiny_catalogue: Catalogue) -> None:
    dataset = demo_cohort(tiny_catalogue, seed=3)
    check_all(dataset, tiny_catalogue, DEMO_TODAY)
    assert {a.level for a in dataset.assessments} <= {1, 2, 3}
    assert {s.kind for s in dataset.sessions} <= {
        SessionKind.PRACTICAL,
        SessionKind.ASSESSMENT,
        SessionKind.WORKPLACE,
        SessionKind.COMPANY_VISIT,
    }
    assert any(a.skill_id.startswith("DRV") for a in dataset.assessments)


def test_calendar_knows_french_holidays() -> None:
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert easter_sunday(2027) == dt.date(2027, 3, 28)
    assert is_closed(dt.date(2026, 11, 11)) and is_closed(dt.date(2026, 5, 14))
    assert not is_closed(dt.date(2026, 11, 26))
