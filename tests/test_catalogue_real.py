"""The shipped FTTH catalogue: complete, bilingual, with measurement specs."""

from __future__ import annotations

import json

import pytest

from trainer_tui.cli import main
from trainer_tui.domain.catalogue import BlockKind, Catalogue


def test_check_exits_zero_on_the_shipped_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "check"]) == 0
    out = capsys.readouterr().out
    assert "ftth-technicien" in out and "valide" in out


def test_show_json_lists_every_block_and_skill_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["catalogue", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    blocks = data["blocks"]
    skills = [skill for block in blocks for skill in block["skills"]]
    assert len(blocks) >= 10
    assert len(skills) >= 90
    for skill in skills:
        for part in ("title", "criterion"):
            assert skill[part]["fr"].strip() and skill[part]["en"].strip(), skill["id"]
    assert sum(1 for skill in skills if skill["measurement"]) >= 8
    assert [level["value"] for level in data["scale"]["levels"]] == [0, 1, 2, 3, 4]
    assert data["scale"]["proficient_from"] == 3


def test_catalogue_covers_the_programme(catalogue: Catalogue) -> None:
    ids = {block.id for block in catalogue.blocks}
    assert {
        "SEC",
        "PRE",
        "CAB",
        "SPL",
        "CON",
        "MES",
        "RAC",
        "CLI",
        "FRA",
        "MAT",
        "PRO",
        "CND",
    } <= ids
    driving = [skill.id for block in catalogue.driving_blocks for skill in block.skills]
    for group in ("C1", "C2", "C3", "C4"):
        assert any(f"-{group}-" in skill_id for skill_id in driving), group
    kinds = {block.kind for block in catalogue.blocks}
    assert kinds == set(BlockKind)


def test_thresholds_of_the_trade_are_machine_readable(catalogue: Catalogue) -> None:
    splice = catalogue.skill("SPL-04").measurement
    assert splice is not None and splice.unit == "dB" and splice.max == pytest.approx(0.1)
    power = catalogue.skill("MES-03").measurement
    assert power is not None and power.unit == "dBm" and power.min == pytest.approx(-24)
    assert not power.accepts(-25.1) and power.accepts(-19.5)


def test_text_listing_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "catalogue", "show"]) == 0
    out = capsys.readouterr().out
    assert "Fibre splicing" in out and "Scale:" in out
