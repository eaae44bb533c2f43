"""Deterministic demo data: a realistic cohort and a synthetic multi-year campus history.

Pure generators (no I/O, no clock, only seeded ``random.Random``): the same arguments always
give the same records, and every record passes the domain models' validation and the rules
of ``trainer_tui.domain.rules``.

- ``demo_cohort`` -- one cohort half-way through its programme, for the ``demo`` command.
- ``campus_history`` / ``iter_campus_history`` -- years of complete cohorts (about 25,000
  records a year), for benchmarks and archive tests.
- ``generate_cohort`` -- the shared building block both use.
"""

from trainer_tui.demo.builder import CohortPlan, generate_cohort
from trainer_tui.demo.cohort import DEMO_TODAY, demo_cohort
from trainer_tui.demo.dataset import Dataset
from trainer_tui.demo.history import HISTORY_END, campus_history, iter_campus_history
from trainer_tui.demo.people import Staff, make_staff

__all__ = [
    "DEMO_TODAY",
    "HISTORY_END",
    "CohortPlan",
    "Dataset",
    "Staff",
    "campus_history",
    "demo_cohort",
    "generate_cohort",
    "iter_campus_history",
    "make_staff",
]
