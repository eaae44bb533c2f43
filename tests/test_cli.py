"""The command line as a trainer or a script uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from trainer_tui.cli import main
from trainer_tui.config import resolve_data_dir, resolve_language


def test_help_is_french_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--data DIR" in out and "--lang" in out
    assert "dossier des données" in out and "catalogue" in out and "demo" in out


def test_help_in_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "data folder" in capsys.readouterr().out


def test_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINER_TUI_LANG", "en")
    assert resolve_language(None) == "en"
    assert resolve_language("fr") == "fr"
    monkeypatch.setenv("TRAINER_TUI_LANG", "klingon")
    assert resolve_language(None) == "fr"


def test_data_folder_option_environment_and_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRAINER_TUI_DATA", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("TRAINER_TUI_DATA")
    assert resolve_data_dir(None).name == "trainer-tui"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["fly"])
    assert exit_info.value.code == 2


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer_tui", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("trainer-tui ")


def test_closed_pipe_is_not_an_error() -> None:
    pipeline = subprocess.run(
        f"'{sys.executable}' -m trainer_tui catalogue show --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert pipeline.stdout.strip() == "{"
    assert "Traceback" not in pipeline.stderr


def test_language_saved_for_the_data_folder_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TRAINER_TUI_LANG", raising=False)
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "settings.json").write_text('{"language": "en"}')
    assert main(["--data", str(tmp_path), "catalogue", "check"]) == 0
    assert "is valid" in capsys.readouterr().out
    assert main(["--data", str(tmp_path), "--lang", "fr", "catalogue", "check"]) == 0
    assert "valide" in capsys.readouterr().out


def test_an_unusable_data_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["--data", str(blocker / "data"), "cohort", "list"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Erreur : ") and "a-file" in err[0]


@pytest.mark.parametrize(
    ("argv", "opens_the_tui"),
    [
        ([], True),
        (["--data", "/tmp/x", "--lang", "en", "--high-contrast"], True),
        (["--catalogue", "skills"], True),
        (["demo"], False),
        (["--data", "/tmp/x", "status"], False),
        (["--help"], False),
        (["--version"], False),
        (["--lang", "de"], False),  # the full parser then says what is wrong
        (["--unknown"], False),
    ],
)
def test_only_a_line_without_command_skips_the_full_parser(
    argv: list[str], opens_the_tui: bool
) -> None:
    from trainer_tui.cli.options import options_without_command

    options = options_without_command(argv)
    assert (options is not None) is opens_the_tui
    if options is not None:
        assert options.command is None


def test_a_wrong_global_option_gets_the_full_parsers_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "de"])
    assert exit_info.value.code == 2
    assert "--lang" in capsys.readouterr().err
