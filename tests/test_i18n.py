"""Both languages carry the same messages with the same placeholders."""

from __future__ import annotations

import string

import pytest

from trainer_tui.i18n import describe_error, messages, parse_language, set_language, t


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_same_keys_in_french_and_english() -> None:
    assert set(messages("fr")) == set(messages("en"))


def test_same_placeholders_in_both_languages() -> None:
    french, english = messages("fr"), messages("en")
    for key, template in french.items():
        assert _placeholders(template) == _placeholders(english[key]), key


def test_no_empty_message() -> None:
    for language in ("fr", "en"):
        for key, template in messages(language).items():
            assert template.strip(), (language, key)


def test_french_is_the_default_and_english_on_request() -> None:
    assert t("cli.interrupted") == "Interrompu."
    set_language("en")
    assert t("cli.interrupted") == "Interrupted."


def test_unknown_code_falls_back_to_the_given_text() -> None:
    assert describe_error("no_such_code", {}, "fallback") == "fallback"


@pytest.mark.parametrize(
    ("raw", "expected"), [("fr", "fr"), ("EN", "en"), ("fr_FR.UTF-8", "fr"), ("en-GB", "en")]
)
def test_parse_language(raw: str, expected: str) -> None:
    assert parse_language(raw) == expected


def test_parse_language_refuses_unknown() -> None:
    with pytest.raises(ValueError):
        parse_language("de")


def test_every_literal_key_used_in_the_code_exists() -> None:
    import re
    from pathlib import Path

    import trainer_tui

    root = Path(trainer_tui.__file__).parent
    pattern = re.compile(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*)["']\s*[,)]""")
    command = re.compile(r"""add_command\([^)]*,\s*["']([a-z_][a-z0-9_.]*)["']\)""")
    used = {
        key
        for path in root.rglob("*.py")
        for regex in (pattern, command)
        for key in regex.findall(path.read_text())
    }
    assert any(key.startswith("cli.session.") for key in used)
    assert len(used) > 50
    assert sorted(used - set(messages("fr"))) == []
