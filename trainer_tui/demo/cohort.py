"""The demo cohort: one realistic cohort half-way through its programme."""

from __future__ import annotations

import datetime as dt
import random

from trainer_tui.demo import names
from trainer_tui.demo.builder import CohortPlan, generate_cohort
from trainer_tui.demo.calendar import monday_on_or_before
from trainer_tui.demo.dataset import Dataset
from trainer_tui.demo.people import make_staff
from trainer_tui.domain.catalogue import Catalogue

#: The demo's "today": a fixed Thursday, so that the demo looks the same on every machine
#: and every day (the generators never read the clock).
DEMO_TODAY = dt.date(2026, 11, 26)
#: How long the demo cohort has been running on ``today``.
WEEKS_RUN = 7


def demo_cohort(
    catalogue: Catalogue,
    *,
    seed: int = 2026,
    today: dt.date = DEMO_TODAY,
    campus: str = "Saint-Denis",
    trainee_count: int = 14,
    id_prefix: str = "demo-",
) -> Dataset:
    """A cohort about 7 weeks into its 13-week programme on ``today``, with its staff.

    It has 3 or 4 trainers plus the driving school's instructors, ``trainee_count``
    trainees (one falling behind with many absences, one who left early), every session
    up to ``today`` with attendance and ratings, and the driving lessons so far. Ids start
    with ``id_prefix`` (``demo-c-1``, ``demo-t-3``, ``demo-s-42``...): give each generated
    cohort its own prefix to load several into one store. The same arguments always give
    exactly the same dataset.
    """
    if not 2 <= trainee_count <= 40:
        raise ValueError(f"trainee_count must be between 2 and 40, not {trainee_count}")
    rng = random.Random(seed)
    staff = make_staff(rng, id_prefix, trainer_count=rng.choice((3, 4)), instructor_count=2)
    start = monday_on_or_before(today - dt.timedelta(weeks=WEEKS_RUN))
    code = names.campus_code(campus)
    plan = CohortPlan(
        id_prefix=id_prefix,
        code_prefix=f"{code}{start.year % 100:02d}",
        campus=campus,
        name=f"Promo {names.FRENCH_MONTHS[start.month - 1]} {start.year}",
        start=start,
        trainee_count=trainee_count,
        struggling=1,
        # One trainee left around week 4, i.e. a bit after half of what has been done.
        leavers=(0.28,),
    )
    cohort = generate_cohort(catalogue, plan, staff, rng, today)
    return Dataset(trainers=staff.everyone).merge(cohort)
