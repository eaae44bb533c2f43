"""The error raised when a value breaks a domain rule that needs context to check."""

from __future__ import annotations

from typing import Any


class RuleViolation(ValueError):
    """A value that breaks a rule of the programme (unknown skill, future date...).

    ``code`` names the rule so that front ends can translate it (message key
    ``validation.<code>``); ``field`` says which input is wrong; ``params`` fill the message.
    """

    def __init__(self, code: str, field: str, fallback: str, /, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{field}: {fallback.format(**params)}")
