"""``export record`` and ``verify FILE`` end to end, with the frozen clock and a fixed key."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from tests.cli_helpers import Cli, cli_on
from tests.test_skill_records import (
    KEY,
    OTHER,
    altered,
    give_key,
    measured_trainee,
    use_fixed_key,
)
from trainer_tui.cli.progress_cmd import EXIT_NOT_AUTHENTIC
from trainer_tui.exports.badge import verify_badge
from trainer_tui.exports.signing import TrustedKey, public_key_of
from trainer_tui.services import preferences
from trainer_tui.services.workspace import Workspace

COHORT = "Promo octobre 2026"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "documents"


class RecordCli(Cli):
    """The CLI, and the code of a demo trainee with measured values."""

    code = ""


@pytest.fixture
def cli(
    demo_ws: Workspace,
    docs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> RecordCli:
    use_fixed_key(demo_ws)
    preferences.set_documents_folder(demo_ws, docs)
    code = measured_trainee(demo_ws)[1].code
    plain = cli_on(demo_ws, capsys, monkeypatch)
    cli = RecordCli(plain.data, plain.capsys)
    cli.code = code
    return cli


def written(out: str) -> Path:
    return Path(out.strip().split(" : ", 1)[1].split(" dans ")[-1])


@pytest.mark.parametrize("kind", ["pdf", "csv", "json", "badge"])
def test_one_trainees_record_goes_to_the_documents_folder_and_verifies(
    cli: RecordCli, docs: Path, kind: str
) -> None:
    code = cli.code
    path = written(cli.ok("export", "record", "--trainee", code, "--format", kind))
    assert path.parent == docs and path.is_file()
    assert code in path.name
    if kind == "badge":
        assert path.name == f"{code}.badge.jwt"
    else:
        assert path.name.endswith(f"-{code}-2026-11-26.{kind}")
    said = cli.ok("verify", str(path))
    assert said.startswith("Authentique — délivré par École des métiers de la fibre")
    if kind != "badge":
        assert "26/11/2026" in said.splitlines()[0] and code in said.splitlines()[1]


def test_a_cohort_gets_one_csv_and_one_json_with_everyone(cli: RecordCli, tmp_path: Path) -> None:
    target = tmp_path / "out" / "cohort.csv"
    assert (
        written(
            cli.ok("export", "record", "--cohort", COHORT, "--format", "csv", "-o", str(target))
        )
        == target
    )
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    codes = {row[0] for row in rows[1:-1]}
    assert len(codes) == 14 and len(rows) == 14 * 100 + 2
    assert "14 stagiaire(s)" in cli.ok("verify", str(target))
    document = tmp_path / "cohort.json"
    cli.ok("export", "record", "--cohort", COHORT, "--format", "json", "-o", str(document))
    loaded = json.loads(document.read_text("utf-8"))
    assert len(loaded["records"]) == 14
    assert {r["trainee"]["code"] for r in loaded["records"]} == codes
    assert cli("verify", str(document)).code == 0


@pytest.mark.parametrize("kind", ["pdf", "badge"])
def test_a_cohort_gets_one_pdf_or_badge_per_trainee_in_a_folder(
    cli: RecordCli, docs: Path, kind: str
) -> None:
    out = cli.ok("export", "record", "--cohort", COHORT, "--format", kind)
    assert "14 fichier(s)" in out
    folder = written(out)
    assert folder.parent == docs and folder.is_dir()
    files = sorted(folder.iterdir())
    assert len(files) == 14
    suffix = ".badge.jwt" if kind == "badge" else ".pdf"
    assert all(f.name.endswith(suffix) for f in files)
    for path in files[:2]:
        assert cli("verify", str(path)).code == 0
    if kind == "badge":
        token = files[0].read_text("utf-8")
        assert verify_badge(token, [TrustedKey(public_key_of(KEY), "x")]).signer


@pytest.mark.parametrize("kind", ["pdf", "csv", "json"])
def test_verify_says_altered_or_unknown_key_and_exits_non_zero(
    cli: RecordCli, tmp_path: Path, kind: str
) -> None:
    code = cli.code
    path = tmp_path / f"record.{kind}"
    cli.ok("export", "record", "--trainee", code, "--format", kind, "-o", str(path))
    forged = tmp_path / f"forged.{kind}"
    forged.write_bytes(altered(kind, path.read_bytes()))
    result = cli("verify", str(forged))
    assert result.code == EXIT_NOT_AUTHENTIC != 0
    assert result.out.startswith("FALSIFIÉ OU ABÎMÉ") and result.err == ""
    # The same file checked on a laptop that has another key and trusts no other.
    give_key(cli.data, OTHER)
    result = cli("verify", str(path))
    assert result.code == EXIT_NOT_AUTHENTIC and result.out.startswith("NON VÉRIFIABLE")


def test_verify_refuses_what_is_not_a_record(cli: RecordCli, tmp_path: Path) -> None:
    payroll = tmp_path / "payroll.csv"
    cli.ok("export", "payroll", "--cohort", COHORT, "--out", str(payroll))
    result = cli("verify", str(payroll))
    assert result.code == EXIT_NOT_AUTHENTIC
    assert "n'est pas un dossier de compétences signé" in result.out
    image = tmp_path / "photo.json"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert cli("verify", str(image)).code == EXIT_NOT_AUTHENTIC


@pytest.mark.parametrize("name", ["missing.pdf", "folder"])
def test_an_unreadable_file_is_one_clear_line(cli: RecordCli, tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    result = cli("verify", str(tmp_path / name))
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith("Erreur : fichier : fichier illisible")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_a_file_without_read_permission_is_one_clear_line(cli: RecordCli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4")
    secret.chmod(0)
    result = cli("verify", str(secret))
    assert result.code == 1 and "illisible" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trainee", "NOPE99"], "stagiaire inconnu : NOPE99"),
        (["--cohort", "Promo inconnue"], "cohorte inconnue : Promo inconnue"),
        ([], "soit --trainee CODE, soit --cohort NOM"),
        (["--trainee", "X", "--cohort", COHORT], "soit --trainee CODE, soit --cohort NOM"),
    ],
)
def test_a_wrong_target_is_one_line_and_writes_nothing(
    cli: RecordCli, docs: Path, args: list[str], message: str
) -> None:
    result = cli("export", "record", *args, "--format", "pdf")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and message in result.err
    assert not docs.exists()


def test_an_unwritable_output_is_one_line_and_nothing_half_written(
    cli: RecordCli, tmp_path: Path
) -> None:
    code = cli.code
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    for kind, target in (("pdf", blocker / "x.pdf"), ("badge", blocker / "badges")):
        scope = ["--trainee", code] if kind == "pdf" else ["--cohort", COHORT]
        result = cli("export", "record", *scope, "--format", kind, "-o", str(target))
        assert result.code == 1 and result.err.count("\n") == 1
        assert "enregistrement impossible" in result.err
    assert blocker.read_text("utf-8") == "not a folder"
    assert not list(tmp_path.rglob("x.pdf")) and not list(tmp_path.rglob("*.badge.jwt"))


def test_a_cohorts_pdfs_need_a_folder_not_a_file_name(cli: RecordCli, tmp_path: Path) -> None:
    result = cli("export", "record", "--cohort", COHORT, "--format", "pdf", "-o", "all.pdf")
    assert result.code == 1 and "un fichier par stagiaire" in result.err
    assert not (tmp_path / "all.pdf").exists() and not Path("all.pdf").exists()


def test_a_cohort_refused_midway_leaves_no_file(
    cli: RecordCli, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer_tui.domain.errors import RuleViolation
    from trainer_tui.services import paperwork

    real = paperwork.write_document
    calls: list[Path] = []

    def failing(path: Path, content: bytes) -> Path:
        calls.append(path)
        if len(calls) == 3:
            raise RuleViolation(
                "write_failed", "output", "full", reason="disque plein", path=str(path)
            )
        return real(path, content)

    monkeypatch.setattr(paperwork, "write_document", failing)
    result = cli("export", "record", "--cohort", COHORT, "--format", "pdf")
    assert result.code == 1 and "disque plein" in result.err
    assert len(calls) == 3
    assert not any(p.exists() for p in calls)
    assert not docs.exists() or not any(docs.rglob("*.pdf"))


def test_records_in_english_with_lang(cli: RecordCli, tmp_path: Path) -> None:
    code = cli.code
    out = cli.ok("--lang", "en", "export", "record", "--trainee", code, "--format", "csv")
    path = Path(out.strip().removeprefix("Written: "))
    assert path.name.startswith("skills-") and path.suffix == ".csv"
    header = path.read_text("utf-8-sig").splitlines()[0]
    assert header.startswith("Code;Last name;First name;Cohort")
    said = cli.ok("--lang", "en", "verify", str(path))
    assert said.startswith("Authentic — issued by") and "Skill record (CSV)" in said


def test_an_organisation_not_set_refuses_the_record(cli: RecordCli, docs: Path) -> None:
    refused = cli("settings", "set", "organisation", "")
    assert refused.code == 1 and "ne peut pas être vide" in refused.err
    settings = cli.data / "local" / "settings.json"
    saved = json.loads(settings.read_text("utf-8"))
    saved["paperwork"]["organisation"] = ""  # never set on this laptop
    settings.write_text(json.dumps(saved), "utf-8")
    result = cli("export", "record", "--cohort", COHORT, "--format", "json")
    assert result.code == 1 and "organisme" in result.err
    assert not docs.exists()
