"""The scriptable CLI refuses bad input with one clear line, and stores nothing.

Unknown trainees, skills, trainers, cohorts and sessions; values off the scale or out of range;
dates invalid or in the future; durations, slots and texts that make no sense.
"""

from __future__ import annotations

import pytest

from .cli_helpers import Cli

pytest_plugins = ["tests.cli_workflow_fixtures"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["rate", "SD26XXX", "SPL-04", "3", "--trainer", "KH"], "stagiaire inconnu"),
        (["rate", "SD26YAN", "SPL-99", "3", "--trainer", "KH"], "compétence inconnue"),
        (["rate", "SD26YAN", "SPL-04", "7", "--trainer", "KH"], "n'est pas sur l'échelle"),
        (["rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH", "--value", "42"], "plage possible"),
        (["rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH", "--value", "abc"], "nombre"),
        (["rate", "SD26YAN", "SPL-04", "3", "--trainer", "ZZ"], "formateur inconnu"),
        (
            ["rate", "SD26YAN", "SPL-04", "3", "--trainer", "KH", "--at", "2026-12-24 10:00"],
            "dans le futur",
        ),
        (
            [
                "driving",
                "add",
                "SD26YAN",
                "--date",
                "2026-11-20",
                "--start",
                "17:00",
                "--minutes",
                "-30",
                "--instructor",
                "X",
            ],
            "durée",
        ),
        (
            [
                "driving",
                "add",
                "SD26YAN",
                "--date",
                "2026-11-20",
                "--start",
                "17:00",
                "--minutes",
                "600",
                "--instructor",
                "X",
            ],
            "durée",
        ),
        (
            [
                "driving",
                "add",
                "SD26YAN",
                "--date",
                "2026-13-45",
                "--start",
                "17:00",
                "--minutes",
                "60",
                "--instructor",
                "X",
            ],
            "date invalide",
        ),
        (
            [
                "driving",
                "add",
                "SD26YAN",
                "--date",
                "2026-12-01",
                "--start",
                "17:00",
                "--minutes",
                "60",
                "--instructor",
                "X",
            ],
            "dans le futur",
        ),
        (
            [
                "driving",
                "add",
                "SD26YAN",
                "--date",
                "2026-11-20",
                "--start",
                "17:00",
                "--minutes",
                "60",
                "--instructor",
                "X",
                "--competencies",
                "SPL-04",
            ],
            "compétence de conduite",
        ),
        (
            [
                "session",
                "add",
                "--cohort",
                "Promo nov 2026",
                "--date",
                "2026-11-26",
                "--start",
                "14:00",
                "--end",
                "13:00",
                "--trainer",
                "KH",
                "--skills",
                "SPL-01",
            ],
            "avant le début",
        ),
        (
            [
                "session",
                "add",
                "--cohort",
                "Promo nov 2026",
                "--date",
                "2026-11-26",
                "--start",
                "14:00",
                "--end",
                "17:00",
                "--trainer",
                "KH",
            ],
            "au moins une compétence",
        ),
        (
            ["trainee", "add", "--cohort", "Promo nov 2026", "--first", " ", "--last", "X"],
            "texte vide",
        ),
        (
            ["trainee", "add", "--cohort", "Nulle part", "--first", "A", "--last", "B"],
            "cohorte inconnue",
        ),
        (["trainee", "edit", "SD26YAN", "--email", "pas-une-adresse"], "format invalide"),
        (["attend", "s-nope", "--all-present"], "séance inconnue"),
        (
            [
                "cohort",
                "add",
                "--name",
                "X",
                "--campus",
                "Y",
                "--start",
                "2027-01-01",
                "--end",
                "2026-01-01",
            ],
            "avant le début",
        ),
    ],
)
def test_bad_input_is_one_clear_line_and_nothing_is_stored(
    cli: Cli,
    cohort: dict[str, str],
    args: list[str],
    expected: str,
) -> None:
    before = cli.ok("status", "--json")
    result = cli(*args)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), result.err
    assert expected in lines[0]
    assert "Traceback" not in result.err
    assert cli.ok("status", "--json") == before
