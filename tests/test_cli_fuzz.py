"""No traceback, ever, from the command line (issue 13).

Every sub-command (found by walking the real parser, so new ones are covered) and every
``--help`` is driven with hostile values: impossible dates and times, negative and huge
numbers, empty and 10,000-character strings, NUL bytes, right-to-left text and emoji, unknown
codes, missing files and files that are folders. ``verify`` gets every kind of signed document
with bytes changed: every position of a progress link, positions spread over a record PDF,
CSV, JSON and a badge (all of their signature lines).

Each run must exit 0, 1 or 2, print at most one line on stderr, never "Traceback", and a
refused command must change nothing (``status --json`` and the settings as they were).

The default run makes about 1,200 examples; ``HYPOTHESIS_PROFILE=nightly`` twenty times as
many, with fresh random ones each night.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_fuzz_helpers import (
    FuzzHome,
    Run,
    all_parser_paths,
    altered_bytes,
    leaf_parsers,
    prepare_home,
    run_cli,
    spread,
)
from tests.cli_helpers import freeze_clock

NIGHTLY = os.environ.get("HYPOTHESIS_PROFILE") == "nightly"
#: Examples per sub-command (about 40 of them) and for the random alterations of documents.
PER_COMMAND = 600 if NIGHTLY else 26
ALTERATIONS = 4000 if NIGHTLY else 160
FUZZ = settings(
    max_examples=PER_COMMAND,
    deadline=None,
    derandomize=not NIGHTLY,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LEAVES = dict(leaf_parsers())
#: Commands with little to vary and a lot to do (the demo writes a whole cohort each time).
FEWER = {("demo",): max(5, PER_COMMAND // 5)}
#: What no message of ours ever ends with: a placeholder left empty ("…impossible : ").
EMPTY_PLACEHOLDER = re.compile(r"(:|\(\s*\)|«\s*»)\s*$")

#: Values no command should choke on, whatever option they are given to.
HOSTILE = [
    *("", " ", "0", "-1", "-0,5", "1e309", "nan", "inf", "-inf", "1,5,5", "0x10"),
    *("99999999999999999999", "1" * 5000, "x" * 10_000, "é" * 101, "a\x00b"),
    *("\u202eevil", "Dupont\u202e", "\u2066isolé\u2069", "مرحبا بالعالم", "😀👍🏽", "\ufeffBOM"),
    *("Ligne\nsuivante", "\r", "\x1b[31mrouge", "%s%(x)s{0}{x}", "\udcff", "--", "-"),
    *("31/02/2026", "2026-02-31", "29/02/2027", "25:00", "24:60", "9h99", "-1:00", "1:2:3"),
    *("1900-01-01", "0001-01-01", "9999-12-31", "2099-01-01", "2026-11-27"),
    *("1900-01-01 10:00", "31/02/2026 25:00", "2026-11-26T10:00", "2030-01-01 10:00"),
    *("UNKNOWN", "zz-99", "SPL-99", "=1+1", "'; DROP TABLE x", ".", "*"),
]
#: Short random text for anything (no path separator nor "~": nothing outside the test's
#: folder is ever named).
SAFE_TEXT = st.text(
    st.characters(blacklist_characters="/\\~", blacklist_categories=("Cs",)), max_size=12
).filter(lambda text: not (len(text) > 1 and set(text) == {"."}))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> FuzzHome:
    return prepare_home(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture
def fuzz(home: FuzzHome, monkeypatch: pytest.MonkeyPatch) -> Iterator[FuzzHome]:
    """The prepared data, a frozen clock, and a working folder of its own (exports, syncs)."""
    freeze_clock(monkeypatch)
    cwd = home.root / "cwd"
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)
    yield home
    if home.dirty():
        home.restore()


def hints(home: FuzzHome) -> dict[str, list[str]]:
    """Plausible values by option name, so that commands get past their first lookup."""
    files = [str(path) for path in home.files.values()]
    codes = [*home.codes[:4], home.codes[-1], home.codes[0].lower(), "SD26XXX"]
    link = home.link
    return {
        "trainee": codes,
        "code": [*codes, link, f"https://fibre.example/p.html#{link}", *files, "AB12"],
        "new_code": [*codes, "NEW1", "ab"],
        "cohort": [home.cohort, home.cohort_id, home.cohort.upper(), "Promo inconnue"],
        "trainer": [*home.trainers, home.trainers[0].lower(), "Inconnu"],
        "instructor": ["Sophie Lenoir", *home.trainers],
        "skill": ["SPL-04", "MES-02", "spl-01", "CND-C1-A", "SEC-01"],
        "skills": ["SPL-01,SPL-04", "SPL-04", "SPL-01,,ZZZ-1", "CND-C1-A"],
        "competencies": ["CND-C1-A", "CND-C1-A,CND-C2-B", "SPL-01"],
        "level": ["0", "1", "2", "3", "4", "5", "-1"],
        "value": ["0,04", "-0,5", "0.08", "-70", "10", "1000"],
        "date": ["2026-11-20", "20/11/2026", "2026-10-12", "2026-11-26", "2027-01-19"],
        "start": ["09:00", "9h", "13h30", "2026-10-12", "12/10/2026"],
        "end": ["12:00", "17h", "2027-01-19", "19/01/2027"],
        "at": ["2026-11-20 10:00", "2026-11-26 09:00", "20/11/2026 9h"],
        "minutes": ["60", "15", "240", "14", "241"],
        "hours": ["400", "0", "2001"],
        "driving_hours": ["21", "0", "201"],
        "session": home.sessions,
        "record": [*home.records, *home.sessions[:1]],
        "file": files,
        "path": [*files, str(Path(__file__).resolve().parent.parent / "skills")],
        "out": [str(home.root / "out" / "x.pdf"), "sortie.pdf", *files],
        "folder": [str(home.root / "sync"), str(home.root / "viewer"), *files],
        "first": ["Léa", "Jean-Baptiste", "N'Golo"],
        "last": ["Durand", "de La Fontaine"],
        "name": ["Promo mars 2027", "Sophie Lenoir", "organisation", "viewer_url"],
        "campus": ["Saint-Denis", "Lyon"],
        "initials": ["SL", "ab", "ABCDE"],
        "email": ["lea@example.fr", "pas-un-email", "a@b"],
        "phone": ["06 12 34 56 78", "+33 6 12 34 56 78", "123"],
        "kind": ["practical", "french", "company_visit", "PRACTICAL", "nap"],
        "gearbox": ["manual", "automatic", "sideways"],
        "reason": ["Saisie en double", "Déménagement"],
        "present": codes,
        "absent": codes,
        "excused": codes,
        "late": [f"{home.codes[0]}=10", f"{home.codes[1]}=-5", "X=abc", "sans-egal"],
        "left_early": [f"{home.codes[0]}=15", f"{home.codes[2]}=9999", "=5"],
        "key_id": ["00000000", "zz", "ffffffff"],
    }


#: Options whose plausible values depend on the command (dates for a cohort, else times).
BY_COMMAND = {
    (("cohort", "add"), "start"): ["2026-09-01", "01/09/2026", "2027-02-01"],
    (("cohort", "add"), "end"): ["2026-12-15", "15/12/2026", "2026-08-01"],
    (("settings", "set"), "value"): [
        "École X",
        "https://fibre.example/p.html",
        "javascript:x",
        "15",
    ],
}


def plausible(
    path: tuple[str, ...], action: argparse.Action, known: dict[str, list[str]]
) -> list[str]:
    """Values that let ``action`` pass, or nearly (a typing slip), for the command at ``path``."""
    return (
        BY_COMMAND.get((path, action.dest))
        or [str(choice) for choice in action.choices or []]
        or known.get(action.dest)
        or known["code"]
    )


@st.composite
def command_line(
    draw: st.DrawFn, path: tuple[str, ...], parser: argparse.ArgumentParser, home: FuzzHome
) -> list[str]:
    """``--data DIR [--lang L] PATH... options``, options drawn from the parser itself.

    Most values are plausible, so that the command gets past its first lookups; none, one
    or two of them are hostile (or random text), so that every check down the way is hit.
    """
    known = hints(home)
    actions = [
        action
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction | argparse._VersionAction)
    ]
    hostile = set(draw(st.lists(st.sampled_from(actions), max_size=2))) if actions else set()
    argv = ["--data", str(home.data)]
    argv += draw(st.sampled_from([[]] * 10 + [["--lang", "en"]] * 4 + [["--catalogue", "x"]]))
    argv += list(path)
    for action in actions:
        mandatory = action.required or not action.option_strings
        if not (draw(st.integers(0, 24)) > 0 if mandatory else draw(st.booleans())):
            continue
        flag = draw(st.sampled_from(action.option_strings)) if action.option_strings else None
        if action.nargs == 0:
            argv.append(str(flag))
            continue
        count = draw(st.integers(1, 3)) if action.nargs in ("+", "*") else 1
        if action in hostile:
            pool = st.one_of(st.sampled_from(HOSTILE), SAFE_TEXT)
        else:
            pool = st.sampled_from(plausible(path, action, known))
        given = [draw(pool) for _ in range(count)]
        if flag is None:
            argv += given
        elif count == 1 and draw(st.integers(0, 4)) == 0:
            argv.append(f"{flag}={given[0]}")
        else:
            argv += [flag, *given]
    if draw(st.integers(0, 19)) == 0:
        argv.append(draw(st.sampled_from(["--bogus", "extra", "-x", "--"])))
    return argv


def check(home: FuzzHome, argv: list[str], result: Run) -> None:
    """The promises of issue 13 for one run."""
    shown = f"argv={argv!r}\nexit={result.code}\nstdout={result.out[:300]}\nstderr={result.err}"
    assert result.code in (0, 1, 2), shown
    assert "Traceback" not in result.out + result.err, shown
    assert len(result.err.splitlines()) <= 1, shown
    if result.err:
        assert not EMPTY_PLACEHOLDER.search(result.err.rstrip("\n")), shown
    if result.code != 0 and home.dirty():
        assert home.settings_now() == home.settings, shown
        assert home.status_now() == home.status, shown


def examples(path: tuple[str, ...]) -> int:
    """How many examples the command at ``path`` gets."""
    return FEWER.get(path, PER_COMMAND)


@pytest.mark.parametrize("path", sorted(LEAVES), ids=" ".join)
def test_every_command_survives_hostile_values(fuzz: FuzzHome, path: tuple[str, ...]) -> None:
    @settings(FUZZ, max_examples=examples(path))
    @given(data=st.data())
    def one_command(data: st.DataObject) -> None:
        run_one(fuzz, path, data)

    one_command()


def run_one(fuzz: FuzzHome, path: tuple[str, ...], data: st.DataObject) -> None:
    """Draw a command line for ``path``, run it, check it, and put the data back."""
    argv = data.draw(command_line(path, LEAVES[path], fuzz))
    result = run_cli(argv)
    if os.environ.get("FUZZ_LOG"):
        with open(os.environ["FUZZ_LOG"], "a", encoding="utf-8") as log:
            log.write(
                repr((" ".join(path), result.code, result.err.strip()[:150], argv[2:])) + "\n"
            )
    try:
        check(fuzz, argv, result)
    finally:
        fuzz.restore()
        fuzz.restore_files()


def test_the_fuzz_covers_every_command_and_enough_examples() -> None:
    assert len(LEAVES) >= 40  # laptops and keys included
    assert {("verify",), ("sync",), ("trainee", "import"), ("settings", "set")} <= set(LEAVES)
    assert sum(examples(path) for path in LEAVES) + ALTERATIONS >= 1000


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_help_in_both_languages(fuzz: FuzzHome, language: str) -> None:
    paths = all_parser_paths()
    assert len(paths) > len(LEAVES)
    for path in paths:
        result = run_cli(["--lang", language, *path, "--help"])
        assert result.code == 0 and result.err == "", (path, result.err)
        assert result.out.strip() and "Traceback" not in result.out, path


def _verify(home: FuzzHome, given: str) -> Run:
    result = run_cli(["--data", str(home.data), "verify", given])
    check(home, ["verify", given], result)
    return result


def test_every_position_of_a_progress_link_altered(fuzz: FuzzHome) -> None:
    link = fuzz.link
    assert _verify(fuzz, link).code == 0
    in_links = set(spread(len(link), 24, tail=0))
    for position in range(len(link)):
        altered = altered_bytes(link.encode(), position).decode()
        result = _verify(fuzz, altered)
        assert result.code == 1, (position, altered, result)
        if position in in_links:  # the same, read from the viewer's address
            url = _verify(fuzz, f"https://fibre.example/p.html#{altered}")
            assert url.code == 1, (position, url)


@pytest.mark.parametrize("name", ["record.pdf", "record.csv", "record.json", "record.jwt"])
def test_every_kind_of_signed_file_altered(fuzz: FuzzHome, name: str) -> None:
    original = fuzz.contents[name]
    assert original is not None
    target = fuzz.root / "cwd" / f"altered-{name}"
    target.write_bytes(original)
    assert _verify(fuzz, str(target)).code == 0
    tested = 0
    for position in spread(len(original), 32, tail=72):
        target.write_bytes(altered_bytes(original, position))
        result = _verify(fuzz, str(target))
        assert result.code == 1, (name, position, result)
        tested += 1
    assert tested >= 100


@st.composite
def damage(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` changed in one to three places: bytes replaced, cut out, inserted."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, max(0, len(data) - 1)))
        how = draw(st.sampled_from(["replace", "cut", "insert", "truncate"]))
        if how == "replace" and data:
            data[position] = draw(st.integers(0, 255).filter(data[position].__ne__))
        elif how == "cut":
            del data[position : position + draw(st.integers(1, 64))]
        elif how == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position:]
    return bytes(data)


@settings(FUZZ, max_examples=ALTERATIONS)
@given(data=st.data())
def test_documents_damaged_at_random(fuzz: FuzzHome, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["code.txt", "record.pdf", "record.csv", "record.json"]))
    name = data.draw(st.sampled_from([name, "record.jwt"]))
    original = fuzz.contents[name]
    assert original is not None
    damaged = data.draw(damage(original))
    target = fuzz.root / "cwd" / f"damaged-{name}"
    target.write_bytes(damaged)
    result = _verify(fuzz, str(target))
    if damaged.strip() != original.strip() and name != "record.json":
        # JSON alone may be re-indented and stay authentic; nothing else may change.
        assert result.code == 1, (name, damaged[-200:], result)
