"""Bilingual text, the text people type, and the validation error type of every domain model.

Names and notes are printed on certificates, sheets and records for employers: text that can
deceive their reader is refused where it is typed or imported. That is every control
character (NUL, escape sequences; a line break only in multi-line notes), lone surrogates,
line and paragraph separators, and the bidirectional controls (U+202E writes "Dupont" as
"tnopuD" on a certificate). Names are at most 100 characters, notes 2,000.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

#: Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the invisible
#: direction marks (U+200E, U+200F, U+061C): they reorder what a reader sees.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
#: Unicode categories never typed on purpose: controls, lone surrogates, line separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 2000


def deceptive_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of ``text`` that can deceive a reader and its index, else ``None``.

    ``multiline`` allows line breaks and tabs (a note); a name is one line.
    """
    for index, char in enumerate(text):
        if multiline and char in "\n\t":
            continue
        if char in BIDI_CONTROLS or unicodedata.category(char) in _REFUSED_CATEGORIES:
            return index, char
    return None


def character_name(char: str) -> str:
    """``U+202E`` (and the character's Unicode name when it has one), for error messages."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def _plain(text: str, *, multiline: bool) -> str:
    found = deceptive_character(text, multiline=multiline)
    if found is not None:
        index, char = found
        raise domain_error(
            "deceptive_character",
            "character {character} at position {position} is not allowed",
            character=character_name(char),
            position=index + 1,
        )
    return text


def plain_line(text: str) -> str:
    """``text`` if it is one line of ordinary characters (a name), else the refusal."""
    return _plain(text, multiline=False)


def plain_text(text: str) -> str:
    """``text`` (Windows line ends made plain) if it holds no deceptive character (a note)."""
    return _plain(text.replace("\r\n", "\n"), multiline=True)


NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A person's, a cohort's or a place's name: one line, 1 to 100 characters.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH),
    AfterValidator(plain_line),
]
#: A name that may be left empty (a driving school).
OptionalName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_NAME_LENGTH),
    AfterValidator(plain_line),
]
#: A note, a comment, a reason: up to 2,000 characters, line breaks allowed.
FreeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_LENGTH),
    AfterValidator(plain_text),
]
#: A reason that must be given (a trainee's leaving): free text, not empty.
RequiredText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH),
    AfterValidator(plain_text),
]


class DomainModel(BaseModel):
    """Base for every domain model: immutable, strict about unknown fields.

    No float is ever NaN or infinite: JSON cannot carry them faithfully, and no measure is.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class LocalizedText(DomainModel):
    """A text given in French and in English, both required and non-empty."""

    fr: NonEmptyText
    en: NonEmptyText

    def get(self, language: Language) -> str:
        """Return the text in ``language``."""
        return self.fr if language == "fr" else self.en


def domain_error(error_type: str, template: str, **context: Any) -> PydanticCustomError:
    """Build a validation error whose ``error_type`` the message catalogue can translate.

    The English ``template`` is only a fallback: front ends look the type up in the
    message catalogue (key ``validation.<error_type>``) and format it with ``context``.
    """
    return PydanticCustomError(error_type, template, context)
