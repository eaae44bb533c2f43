"""The data and the values the command-line fuzz test (tests/test_cli_fuzz.py) draws from.

A demo data folder is made once per test module, with files of every kind a command may be
given (rosters, signed records, a badge, folders, missing files); each example runs on a
fresh copy of it, in the same place, so that the laptop never takes it for a copied one.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import shlex
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_helpers import freeze_clock
from trainer_tui.cli import main
from trainer_tui.cli.parser import build_parser
from trainer_tui.config import resolve_catalogue_dir
from trainer_tui.services import preferences
from trainer_tui.services.catalogue_service import open_catalogue
from trainer_tui.services.progress_codes import signed_code
from trainer_tui.services.workspace import Workspace

#: Files of the data folder that say nothing about its state: the lock, derived caches.
NOT_STATE = ("lock", "dashboard-")
#: Files never put back: the lock (held by nobody between two runs).
NOT_RESTORED = ("lock",)


@dataclass(frozen=True)
class Run:
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


def run_cli(argv: Sequence[str]) -> Run:
    """``trainer-tui ARGV`` in this process; argparse's exits become exit codes."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_info:  # argparse: --help, a usage error
            code = exit_info.code if isinstance(exit_info.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue())


def leaf_parsers() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable sub-command, by its path (``("trainee", "add")``), from the parser.

    Walked from the real parser, so that a command added tomorrow is fuzzed too.
    """
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not groups:
            found.append((path, parser))
            return
        for name, child in groups[0].choices.items():
            walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def all_parser_paths() -> list[tuple[str, ...]]:
    """Every parser's path, the main one (``()``) and groups (``("trainee",)``) included."""
    paths: set[tuple[str, ...]] = {()}
    for path, _ in leaf_parsers():
        paths.update(path[:n] for n in range(1, len(path) + 1))
    return sorted(paths)


def state_files(data: Path, skipped: tuple[str, ...] = NOT_STATE) -> dict[str, str]:
    """Each file of the data folder that holds state, by relative path, with its digest."""
    return {
        str(path.relative_to(data)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(data.rglob("*"))
        if path.is_file() and not path.name.startswith(skipped)
    }


class FuzzHome:
    """The prepared folder: the data in use, its pristine copy, files, and known values.

    A plain class, not a dataclass: Hypothesis would print every field of a failing example.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.pristine = root / "pristine"
        self.status = ""
        self.settings = b""
        self.files: dict[str, Path] = {}
        self.codes: list[str] = []
        self.cohort = self.cohort_id = self.link = ""
        self.trainers: list[str] = []
        self.sessions: list[str] = []
        self.records: list[str] = []
        self.pristine_files: dict[str, str] = {}
        #: Every file put back, the dashboard's cache included (so it stays fresh).
        self.restored_files: dict[str, str] = {}
        #: What each file given to commands holds (``None``: an empty folder).
        self.contents: dict[str, bytes | None] = {}

    def __repr__(self) -> str:
        return f"FuzzHome({self.root})"

    def restore(self) -> None:
        """Put the pristine data back in place (same path: the same laptop).

        Only the files that changed are copied back: much faster than the whole folder.
        """
        now = state_files(self.data, NOT_RESTORED)
        for name in now.keys() - self.restored_files.keys():
            (self.data / name).unlink()
        for name, digest in self.restored_files.items():
            if now.get(name) != digest:
                (self.data / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.pristine / name, self.data / name)
        assert not self.dirty()

    def restore_files(self) -> None:
        """Put back the files commands are given: an export may have written over one."""
        for name, content in self.contents.items():
            path = self.files[name]
            if content is None:
                if not path.is_dir() or any(path.iterdir()):
                    shutil.rmtree(path, ignore_errors=True)
                    path.unlink(missing_ok=True)
                    path.mkdir()
            elif not path.is_file() or path.read_bytes() != content:
                shutil.rmtree(path, ignore_errors=True)
                path.write_bytes(content)

    def dirty(self) -> bool:
        """Whether any state file differs from the pristine copy's."""
        return state_files(self.data) != self.pristine_files

    def settings_now(self) -> bytes:
        """This laptop's settings file as it is now."""
        return (self.data / "local" / "settings.json").read_bytes()

    def status_now(self) -> str:
        """``status --json`` as it is now."""
        result = run_cli(["--data", str(self.data), "status", "--json"])
        assert result.code == 0, result.err
        return result.out


ROSTERS = {
    "roster_good.csv": "Nom;Prénom;E-mail\nDurand;Léa;lea@example.fr\nMartin;Noé;\n".encode(),
    "roster_bad.csv": "Nom;Prénom;Code\n;Ana;SD26ZZZ\nLopez;;x\nLopez;Ana;SD26ZZZ\n".encode(),
    "roster_nul.csv": b"Nom;Pr\xc3\xa9nom\nDurand;L\x00a\n",
    "roster_bidi.csv": "Nom;Prénom\nDurand;\u202eaéL\n".encode(),
    "roster_long.csv": ("Nom;Prénom\n" + "D" * 10_000 + ";Léa\n").encode(),
    "roster_latin1.csv": "Nom;Prénom\nDurand;Léa\n".encode("cp1252"),
    "roster_utf16.csv": "Nom;Prénom\nDurand;Léa\n".encode("utf-16"),
    "empty.csv": b"",
    "binary.bin": bytes(range(256)) * 8,
    "spreadsheet.csv": b"PK\x03\x04" + bytes(64),
    "broken.toml": b"[catalogue\nid = ",
}


#: A small cohort made as a trainer would (three trainees: exports of a whole cohort stay
#: quick), with a session today, marks, ratings (one measured), a lesson, a departure.
SETUP = [
    shlex.split(line)
    for line in (
        "settings set organisation 'École des métiers de la fibre'",
        "settings set signatory 'Claire Martin'",
        "settings set place Saint-Denis",
        "settings set employer 'Intérim Services'",
        "settings set declaration_number '11 93 00000 93'",
        "cohort add --name 'Promo octobre 2026' --campus Saint-Denis"
        " --start 2026-10-05 --end 2027-01-12",
        "trainer add --name 'Jean-Marc Dubois' --initials JMD",
        "trainer add --name 'Leïla Mansouri' --initials LM",
        "trainee add --cohort 'Promo octobre 2026' --first Youssouf --last Aouadi --code SD26AAA",
        "trainee add --cohort 'Promo octobre 2026' --first Inès --last Bamba --code SD26BBB",
        "trainee add --cohort 'Promo octobre 2026' --first Emma --last Rodrigues --code SD26CCC",
        *(
            f"session add --cohort 'Promo octobre 2026' --date {day} --start {start}"
            f" --end {end} --trainer JMD --skills SPL-01,SPL-04,MES-02"
            for day, start, end in (
                ("2026-11-19", "09:00", "12:00"),
                ("2026-11-20", "13:30", "17:00"),
                ("2026-11-26", "08:30", "10:00"),
            )
        ),
        "rate SD26AAA SPL-04 3 --trainer JMD --value 0,05 --at '2026-11-19 10:00'",
        "rate SD26AAA SPL-01 4 --trainer JMD --at '2026-11-20 14:00'",
        "rate SD26BBB SPL-01 2 --trainer JMD --note 'À revoir'",
        "driving add SD26AAA --date 2026-11-18 --start 17:30 --minutes 60"
        " --instructor 'Leïla Mansouri' --competencies CND-C1-A",
        "trainee withdraw SD26CCC --date 2026-11-21 --reason Déménagement",
    )
]


def make_cohort(data: Path) -> None:
    """The fuzz test's cohort, made through the command line, with its attendance marks."""
    for argv in SETUP:
        made = run_cli(["--data", str(data), *argv])
        assert made.code == 0, (argv, made.err)
    catalogue = open_catalogue(resolve_catalogue_dir(None))
    with Workspace.open(data, catalogue) as ws:
        sessions = ws.cohort_records(ws.cohorts()[0]).sessions
    for session, marks in zip(
        sessions,
        (["--all-present"], ["--present", "SD26AAA", "--absent", "SD26BBB"]),
        strict=False,
    ):
        made = run_cli(["--data", str(data), "attend", session.id, *marks])
        assert made.code == 0, made.err


def prepare_home(root: Path) -> FuzzHome:
    """Make the demo data folder and every file the fuzz test hands to commands."""
    home = FuzzHome(root)
    data = home.data
    with pytest.MonkeyPatch.context() as patch:
        freeze_clock(patch)  # the services' clock and storage's: the tests' frozen clock
        make_cohort(data)
        files = root / "files"
        files.mkdir()
        for name, content in ROSTERS.items():
            (files / name).write_bytes(content)
        for name in ("folder", "folder.pdf", "folder.csv"):
            (files / name).mkdir()
        home.files = {path.name: path for path in files.iterdir()}
        home.files["missing.csv"] = files / "missing.csv"
        home.files["missing.pdf"] = files / "missing.pdf"
        home.files["under-a-file"] = files / "empty.csv" / "x.pdf"
        catalogue = open_catalogue(resolve_catalogue_dir(None))
        with Workspace.open(data, catalogue) as ws:
            preferences.set_documents_folder(ws, root / "documents")
            cohort = ws.cohorts()[0]
            records = ws.cohort_records(cohort)
            home.cohort, home.cohort_id = cohort.name, cohort.id
            home.codes = [trainee.code for trainee in records.trainees]
            home.trainers = [trainer.initials for trainer in ws.trainers()]
            home.sessions = [session.id for session in records.sessions[-3:]]
            home.records = [a.id for a in records.assessments[-2:]]
            home.records += [lesson.id for lesson in records.lessons[-1:]]
            home.link = signed_code(ws, cohort, records.trainees[0])
            ws.replica.seal_on_quit()
        for kind, suffix in (("pdf", "pdf"), ("csv", "csv"), ("json", "json"), ("badge", "jwt")):
            target = files / f"record.{suffix}"
            argv = ["--data", str(data), "export", "record", "--trainee", home.codes[0]]
            made = run_cli([*argv, "--format", kind, "-o", str(target)])
            assert made.code == 0, made.err
            home.files[target.name] = target
        (files / "code.txt").write_text(home.link + "\n", "ascii")
        home.files["code.txt"] = files / "code.txt"
        home.status = home.status_now()
    home.contents = {
        name: None if path.is_dir() else path.read_bytes()
        for name, path in home.files.items()
        if path.exists()
    }
    home.settings = home.settings_now()
    shutil.copytree(data, home.pristine)
    home.pristine_files = state_files(home.pristine)
    home.restored_files = state_files(home.pristine, NOT_RESTORED)
    return home


def altered_bytes(data: bytes, position: int) -> bytes:
    """``data`` with the byte at ``position`` changed to another one.

    A letter or digit becomes another letter or digit (the kind of slip a retyped code
    has), anything else an ``x``; an ``x`` becomes a ``y``.
    """
    byte = data[position]
    char = chr(byte)
    if char.isascii() and char.isalnum():
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        new = alphabet[(alphabet.index(char) + 1 + position % 61) % len(alphabet)]
    else:
        new = "y" if char == "x" else "x"
    return data[:position] + new.encode() + data[position + 1 :]


def spread(length: int, count: int, tail: int) -> Iterator[int]:
    """``count`` positions spread over ``length`` bytes, then every one of the last ``tail``.

    The tail is where record files keep their signature.
    """
    chosen = {round(i * (length - 1) / max(1, count - 1)) for i in range(count)}
    chosen |= set(range(max(0, length - tail), length))
    yield from sorted(chosen)


def json_with(document: bytes, member: str, value: object) -> bytes:
    """A signed JSON record with ``member`` added again at the end (a duplicated key)."""
    text = document.decode("utf-8").rstrip().removesuffix("}")
    return (text + f",\n  {json.dumps(member)}: {json.dumps(value)}\n}}\n").encode("utf-8")
