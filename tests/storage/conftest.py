"""Fixtures shared by the storage tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask: a file or folder not explicitly made private is readable by all."""
    old = os.umask(0o022)
    yield
    os.umask(old)
