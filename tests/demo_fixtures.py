"""The ``demo`` fixture of the demo generator tests: the demo cohort, built once per module.

A plugin (``pytest_plugins``) of tests/test_demo_generators.py and tests/test_demo_history.py,
so that both get the fixture without importing it; each module that asks for it builds its
own, as before the split.
"""

from __future__ import annotations

import pytest

from trainer_tui.demo import Dataset, demo_cohort
from trainer_tui.domain.catalogue import Catalogue


@pytest.fixture(scope="module")
def demo(catalogue: Catalogue) -> Dataset:
    return demo_cohort(catalogue)
