"""The scriptable CLI end to end: what a trainer types, and what gets stored.

The fixtures are in tests/cli_workflow_fixtures.py; the refused input of every command is in
tests/test_cli_workflow_bad_input.py.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from .cli_helpers import Cli, join_school

pytest_plugins = ["tests.cli_workflow_fixtures"]


def _status(cli: Cli) -> dict:
    return json.loads(cli.ok("status", "--json"))


def _trainee(state: dict, code: str) -> dict:
    return next(t for c in state["cohorts"] for t in c["trainees"] if t["code"] == code)


def test_a_morning_in_the_workshop_is_stored(cli: Cli, cohort: dict[str, str]) -> None:
    session = cohort["session"]
    cli.ok("attend", session, "--all-present", "--late", "SD26YAN=15")
    cli.ok(
        "rate",
        "SD26YAN",
        "SPL-04",
        "3",
        "--trainer",
        "KH",
        "--value",
        "0,04",
        "--session",
        session,
        "--note",
        "soudure propre",
    )
    cli.ok("rate", "SD26INE", "SPL-04", "2", "--trainer", "KH", "--value", "0.15")
    cli.ok(
        "driving",
        "add",
        "SD26YAN",
        "--date",
        "2026-11-20",
        "--start",
        "17:00",
        "--minutes",
        "90",
        "--instructor",
        "Mme Diallo",
        "--competencies",
        "CND-C1-A",
    )
    state = _status(cli)
    yanis, ines = _trainee(state, "SD26YAN"), _trainee(state, "SD26INE")
    assert yanis["training_minutes"] == 210 - 15 and ines["training_minutes"] == 210
    assert yanis["driving_minutes"] == 90 and ines["driving_minutes"] == 0
    rating = yanis["skills"]["SPL-04"]
    assert rating["level"] == 3 and rating["history"][0]["measured_value"] == 0.04
    assert rating["history"][0]["note"] == "soudure propre"
    assert rating["history"][0]["session_id"] == session
    assert rating["history"][0]["recorded_at"] == "2026-11-26T10:30:00"
    assert ines["skills"]["SPL-04"]["level"] == 2 and yanis["proficient"] == 1


def test_latest_rating_wins_and_void_restores_the_previous(
    cli: Cli, cohort: dict[str, str]
) -> None:
    cli.ok("rate", "SD26YAN", "SPL-01", "2", "--trainer", "KH", "--at", "2026-11-25 10:00")
    out = cli.ok("rate", "SD26YAN", "SPL-01", "4", "--trainer", "KH", "--at", "2026-11-26 9:00")
    assert _trainee(_status(cli), "SD26YAN")["skills"]["SPL-01"]["level"] == 4
    mistaken = re.search(r"\b(a-[0-9a-f]+)\b", out)
    assert mistaken
    cli.ok("void", mistaken.group(1), "--reason", "mauvais stagiaire")
    skill = _trainee(_status(cli), "SD26YAN")["skills"]["SPL-01"]
    assert skill["level"] == 2 and len(skill["history"]) == 1


def test_edit_and_withdraw(cli: Cli, cohort: dict[str, str]) -> None:
    cli.ok("trainee", "edit", "SD26INE", "--phone", "06 12 34 56 78", "--first", "Inès-Lou")
    cli.ok("trainee", "withdraw", "SD26INE", "--date", "2026-11-20", "--reason", "CDI trouvé")
    ines = _trainee(_status(cli), "SD26INE")
    assert ines["first_name"] == "Inès-Lou" and ines["phone"] == "06 12 34 56 78"
    assert ines["status"] == "left" and ines["left_on"] == "2026-11-20"
    assert ines["left_reason"] == "CDI trouvé"


def test_attendance_with_an_unknown_code_stores_no_mark(cli: Cli, cohort: dict[str, str]) -> None:
    result = cli("attend", cohort["session"], "--present", "SD26YAN", "--absent", "SD26ZZZ")
    assert result.code == 1 and "SD26ZZZ" in result.err
    state = _status(cli)
    assert state["cohorts"][0]["sessions"][0]["attendance"] == {}


def test_status_is_stable_and_files_are_owner_only(cli: Cli, cohort: dict[str, str]) -> None:
    cli.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    assert cli.ok("status", "--json") == cli.ok("status", "--json")
    files = [p for p in cli.data.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_sync_between_two_laptops(cli: Cli, cohort: dict[str, str], tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    other = tmp_path / "laptop-b"
    cli.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    out = cli.ok("sync", str(usb))
    assert "Envoyé" in out
    out = cli.ok("sync", str(usb), data=other)
    assert "Reçu : 0" in out and "n'a pas rejoint l'école" in out, "no pairing, no data"
    join_school(cli, cli.data, other, usb)
    out = cli.ok("sync", str(usb), data=other)
    assert "Portables connus : 2" in out
    assert cli.ok("status", "--json", data=other) == cli.ok("status", "--json")
    cli.ok("rate", "SD26INE", "SPL-01", "4", "--trainer", "KH", data=other)
    cli.ok("sync", str(usb), data=other)
    cli.ok("sync", str(usb))
    assert cli.ok("status", "--json", data=other) == cli.ok("status", "--json")


def test_sync_refuses_a_folder_inside_the_data(cli: Cli, cohort: dict[str, str]) -> None:
    result = cli("sync", str(cli.data / "replica"))
    assert result.code == 1 and "dossier de données" in result.err


def test_check_reports_a_damaged_file(cli: Cli, cohort: dict[str, str], tmp_path: Path) -> None:
    cli.ok("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    (tmp_path / "usb").mkdir()
    cli.ok("sync", str(tmp_path / "usb"))  # a sync seals what is pending
    assert "intact" in cli.ok("check")
    segment = next((cli.data / "replica").rglob("*.json"))
    segment.write_bytes(segment.read_bytes()[:-20])
    result = cli("check")
    assert result.code == 1 and "Mis de côté" in result.out
    assert list((cli.data / "quarantine").glob("*.json"))


def test_demo_creates_its_data_once(cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("demo", data=tmp_path / "demo")
    rows = [line for line in out.splitlines() if "/400,0" in line]
    assert 12 <= len(rows) <= 16
    before = cli.ok("status", "--json", data=tmp_path / "demo")
    assert cli.ok("demo", data=tmp_path / "demo") == out
    assert cli.ok("status", "--json", data=tmp_path / "demo") == before


def test_roster_import_is_all_or_nothing(cli: Cli, cohort: dict[str, str]) -> None:
    data = Path(__file__).parent / "data" / "roster"
    before = cli.ok("status", "--json")
    result = cli("trainee", "import", str(data / "bad_rows.csv"), "--cohort", "Promo nov 2026")
    assert result.code == 1 and "Ligne 3" in result.out and "rien n'a été importé" in result.err
    assert cli.ok("status", "--json") == before
    out = cli.ok("trainee", "import", str(data / "good_fr_excel.csv"), "--cohort", "Promo nov 2026")
    assert "4 stagiaire(s) inscrit(s)" in out
    names = {t["last_name"] for t in _status(cli)["cohorts"][0]["trainees"]}
    assert {"Lefèvre", "Da Silva"} <= names


def test_a_full_disk_is_one_line_and_nothing_is_stored(
    cli: Cli, cohort: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cli.ok("status", "--json")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("trainer_tui.storage.tiny.write_atomic", full_disk)
        result = cli("rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH")
    assert result.code == 1
    assert result.err.strip() == (
        f"Erreur : données : enregistrement impossible dans {cli.data} "
        "(No space left on device) : rien n'a été modifié"
    )
    assert cli.ok("status", "--json") == before
