"""Turn model validation failures into the one error type front ends display."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.storage import StoreLocked, SyncFolderInvalid

ModelT = TypeVar("ModelT", bound=BaseModel)


def as_violation(error: ValidationError) -> RuleViolation:
    """The first problem of a pydantic error, as a translatable ``RuleViolation``."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "value"
    params = dict(first.get("ctx") or {})
    params.setdefault("input", first.get("input"))
    violation = RuleViolation(first["type"], field, "{message}", message=first["msg"])
    violation.params = params | {"message": first["msg"]}
    return violation


def build(model: type[ModelT], **values: Any) -> ModelT:
    """Build a domain record, raising ``RuleViolation`` instead of ``ValidationError``."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise as_violation(error) from None


# Storage failures front ends must tell the user about, re-exported so that front ends never
# import the storage package themselves.
__all__ = ["StoreLocked", "SyncFolderInvalid", "as_violation", "build"]
