"""Bilingual text and the validation error type shared by every domain model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class DomainModel(BaseModel):
    """Base for every domain model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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
