"""Turn model validation failures into the one error type front ends display."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.storage import StoreLocked, SyncFolderInvalid

ModelT = TypeVar("ModelT", bound=BaseModel)


def as_violation(error: ValidationError, field: str = "value") -> RuleViolation:
    """The first problem of a pydantic error, as a translatable ``RuleViolation``.

    ``field`` names the input when the error itself does not (a lone value checked).
    """
    first = error.errors()[0]
    params = dict(first.get("ctx") or {})
    # A rule over several fields (an end before its start) says which one to blame.
    blamed = params.pop("blamed_field", None)
    field = ".".join(str(part) for part in first["loc"]) or str(blamed or field)
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


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def checked(annotation: Any, value: Any, field: str) -> Any:
    """``value`` checked against a domain type (``FreeText``, ``Name``...) as ``field``.

    For values stored outside a model (a void's reason), checked as a model would check them.
    """
    try:
        return _adapter(annotation).validate_python(value)
    except ValidationError as error:
        raise as_violation(error, field) from None


def path_of(error: OSError, fallback: Path | str) -> str:
    """The file an ``OSError`` is about, else ``fallback`` (a full disk names no file)."""
    name = error.filename if error.filename is not None else fallback
    return os.fsdecode(name) if isinstance(name, bytes | str | os.PathLike) else str(name)


def write_failed(error: OSError, field: str, where: Path | str) -> RuleViolation:
    """The refusal shown when the disk refuses a write, naming the file (or ``where``)."""
    return RuleViolation(
        "write_failed",
        field,
        "cannot save {path}: {reason}",
        reason=error.strerror or str(error),
        path=path_of(error, where),
    )


# Storage failures front ends must tell the user about, re-exported so that front ends never
# import the storage package themselves.
__all__ = [
    "StoreLocked",
    "SyncFolderInvalid",
    "as_violation",
    "build",
    "checked",
    "path_of",
    "write_failed",
]
