"""Broken catalogues give one clear line naming file, skill id and field, and exit 1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer_tui.cli import main


def _replace(file: Path, old: str, new: str, count: int = 1) -> None:
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, count), "utf-8")


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["catalogue", "check", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_duplicate_id_across_two_files(
    skills_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(skills_copy / "blocks" / "02-pre.toml", 'id = "PRE-01"', 'id = "SEC-01"')
    line = _check(skills_copy, capsys)
    assert "02-pre.toml" in line and "01-sec.toml" in line
    assert "SEC-01" in line and "champ id" in line


def test_missing_english_title(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(skills_copy / "blocks" / "04-spl.toml", 'title.en = "Strip the fibre"\n', "")
    line = _check(skills_copy, capsys)
    assert "04-spl.toml" in line and "SPL-01" in line and "title.en" in line
    assert "manquant" in line
    assert re.search(r"ligne \d+", line)


def test_empty_english_criterion_in_english(
    skills_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = skills_copy / "blocks" / "01-sec.toml"
    text = file.read_text("utf-8")
    start = text.index("criterion.en", text.index('id = "SEC-02"'))
    end = text.index('"""', text.index('"""', start) + 3) + 3
    file.write_text(text[:start] + 'criterion.en = "  "' + text[end:], "utf-8")
    code = main(["--lang", "en", "catalogue", "check", str(skills_copy)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1
    assert "01-sec.toml" in err and "skill SEC-02" in err and "field criterion.en" in err
    assert "empty text" in err


def test_measurement_level_outside_the_scale(
    skills_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(skills_copy / "blocks" / "04-spl.toml", "levels = [3, 4]", "levels = [3, 7]")
    line = _check(skills_copy, capsys)
    assert "04-spl.toml" in line and "SPL-01" in line and "measurement.levels" in line
    assert "7" in line


def test_min_greater_than_max(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(skills_copy / "blocks" / "04-spl.toml", "min = 30\nmax = 40", "min = 45\nmax = 40")
    line = _check(skills_copy, capsys)
    assert "04-spl.toml" in line and "SPL-01" in line and "measurement.min" in line
    assert "45" in line and "40" in line


def test_unknown_unit(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(skills_copy / "blocks" / "04-spl.toml", 'unit = "mm"', 'unit = "millimetres"')
    line = _check(skills_copy, capsys)
    assert "SPL-01" in line and "measurement.unit" in line and "millimetres" in line


def test_invalid_toml_names_the_line(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = skills_copy / "blocks" / "03-cab.toml"
    lines = file.read_text("utf-8").splitlines()
    lines.insert(11, 'title = { fr = "oubli de guillemet, en = "x" }')
    file.write_text("\n".join(lines) + "\n", "utf-8")
    line = _check(skills_copy, capsys)
    assert "03-cab.toml" in line and "TOML invalide" in line
    assert "ligne 12" in line


def test_empty_block_file(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (skills_copy / "blocks" / "13-new.toml").write_text("\n  \n", "utf-8")
    line = _check(skills_copy, capsys)
    assert "13-new.toml" in line and "vide" in line


def test_scale_threshold_outside_the_scale(
    skills_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(skills_copy / "catalogue.toml", "proficient_from = 3", "proficient_from = 9")
    line = _check(skills_copy, capsys)
    assert "catalogue.toml" in line and "scale" in line and "9" in line


def test_unknown_key_is_refused(skills_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(
        skills_copy / "blocks" / "04-spl.toml",
        'id = "SPL-02"\n',
        'id = "SPL-02"\ncritere = "faute de frappe"\n',
    )
    line = _check(skills_copy, capsys)
    assert "SPL-02" in line and "critere" in line and "inconnu" in line


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _check(tmp_path / "nowhere", capsys)
    assert "catalogue.toml" in line and "introuvable" in line


def test_console_script_prints_no_traceback(skills_copy: Path) -> None:
    _replace(skills_copy / "blocks" / "04-spl.toml", "levels = [3, 4]", "levels = [3, 7]")
    result = subprocess.run(
        [sys.executable, "-m", "trainer_tui", "catalogue", "check", str(skills_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "SPL-01" in result.stderr
