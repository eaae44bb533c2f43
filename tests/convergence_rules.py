"""The rules of the convergence state machine that write records on one laptop.

:class:`RecordRules` is a mixin of tests/test_sync_convergence.py's ``ConvergenceMachine``:
enrol, edit (on one laptop or on several without syncing), withdraw, record sessions and
attendance, rate, log driving lessons, void, erase and create cohorts. Each rule picks what
it acts on by index among what its laptop knows, and acknowledges its ops through
:meth:`World.act`. The rules that move files (syncs, copies by hand, snapshots) and clocks
stay in the machine itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from hypothesis import strategies as st
from hypothesis.stateful import rule

from trainer_tui.domain.records import AttendanceStatus, SessionKind
from trainer_tui.services import activity, enrolment
from trainer_tui.services import records as rec
from trainer_tui.services.erasure import erase_trainee
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL

from .convergence_laptops import (
    CATALOGUE,
    DRIVING_FROM,
    DRIVING_SKILLS,
    EXTRA_COHORTS,
    FIRST_NAMES,
    FOLDERS,
    NAMES,
    PHONES,
    RATED_SKILLS,
    REASONS,
    SLOTS,
    all_trainees,
    pick,
)
from .convergence_world import World

laptops = st.sampled_from(NAMES)
folders = st.sampled_from(FOLDERS)
picks = st.integers(min_value=0, max_value=10_000)


class RecordRules:
    """Rules that write records; the machine provides ``world`` and ``counter``."""

    world: World
    counter: Iterator[int]

    def _ws(self, name: str) -> Workspace:
        self.world.timeline.advance()
        return self.world.laptops[name].ws

    @rule(laptop=laptops, which=picks, first=st.sampled_from(FIRST_NAMES))
    def enrol(self, laptop: str, which: int, first: str) -> None:
        cohort = pick(self._ws(laptop).cohorts(), which)
        if cohort is None:
            return
        code = f"SD26{next(self.counter):03d}"
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.enrol_trainee(
                ws, cohort, first_name=first, last_name="Diallo", code=code
            ),
        )

    @rule(
        laptop=laptops,
        which=picks,
        field_name=st.sampled_from(["first_name", "phone"]),
        value=picks,
    )
    def edit(self, laptop: str, which: int, field_name: str, value: int) -> None:
        """Few values on few fields: laptops often edit the same field concurrently."""
        found = pick(all_trainees(self._ws(laptop)), which)
        if found is None:
            return
        cohort, trainee = found
        pool = FIRST_NAMES if field_name == "first_name" else PHONES
        changes = {field_name: pool[value % len(pool)]}
        self.world.act(
            laptop, cohort.id, lambda ws: enrolment.edit_trainee(ws, cohort, trainee, **changes)
        )

    @rule(
        laptops=st.lists(laptops, min_size=2, max_size=3, unique=True),
        which=picks,
        field_name=st.sampled_from(["first_name", "phone"]),
        values=st.lists(picks, min_size=3, max_size=3),
    )
    def edit_on_several(
        self, laptops: list[str], which: int, field_name: str, values: list[int]
    ) -> None:
        """Two or three laptops edit one field of one trainee, none syncing in between."""
        shared = None
        for name in laptops:
            mine = {t.id for _, t in all_trainees(self._ws(name))}
            shared = mine if shared is None else shared & mine
        chosen = pick(sorted(shared or ()), which)
        if chosen is None:
            return
        for name, value in zip(laptops, values, strict=False):
            cohort, trainee = self._ws(name).find_trainee(chosen)
            pool = FIRST_NAMES if field_name == "first_name" else PHONES
            changes = {field_name: pool[value % len(pool)]}
            self.world.act(
                name,
                cohort.id,
                lambda ws, c=cohort, t=trainee, ch=changes: enrolment.edit_trainee(ws, c, t, **ch),
            )

    @rule(laptop=laptops, which=picks, days_ago=st.sampled_from([0, 0, 4]), reason=picks)
    def withdraw(self, laptop: str, which: int, days_ago: int, reason: int) -> None:
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        on = ws.today() - dt.timedelta(days=days_ago)
        why = ("a trouvé un emploi", "déménagement")[reason % 2]
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.withdraw_trainee(ws, cohort, trainee, on=on, reason=why),
        )

    @rule(
        laptop=laptops,
        which=picks,
        days_ago=st.integers(min_value=0, max_value=6),
        slot=st.sampled_from(SLOTS),
        kind=st.sampled_from(list(SessionKind)),
        skills=st.lists(st.sampled_from(RATED_SKILLS), max_size=2),
        marks=st.lists(st.sampled_from(list(AttendanceStatus)), max_size=5),
    )
    def session(
        self,
        laptop: str,
        which: int,
        days_ago: int,
        slot: tuple[dt.time, dt.time],
        kind: SessionKind,
        skills: list[str],
        marks: list[AttendanceStatus],
    ) -> None:
        """Record a session, then mark attendance of its trainees (two saves)."""
        ws = self._ws(laptop)
        cohort, trainer = pick(ws.cohorts(), which), pick(ws.trainers(), which)
        if cohort is None or trainer is None:
            return
        day = ws.today() - dt.timedelta(days=days_ago)
        session = self.world.act(  # refused if practical without a skill
            laptop,
            cohort.id,
            lambda ws: activity.record_session(
                ws,
                cohort,
                date=day,
                start=slot[0],
                end=slot[1],
                kind=kind,
                trainer=trainer,
                skill_ids=skills,
            ),
        )
        if session is None:
            return
        trainees = activity.present_trainees(ws.cohort_records(cohort).trainees, day)
        statuses = marks or [AttendanceStatus.PRESENT]
        to_mark = [
            activity.Mark(t, status, late_minutes=15 if status is AttendanceStatus.LATE else 0)
            for t, status in zip(trainees, itertools.cycle(statuses), strict=False)
        ]
        self.world.act(
            laptop, cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, to_mark)
        )

    @rule(laptop=laptops, which=picks, status=st.sampled_from(list(AttendanceStatus)))
    def remark(self, laptop: str, which: int, status: AttendanceStatus) -> None:
        """Mark one trainee again at a known session: the later mark replaces the earlier."""
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        session = pick(ws.cohort_records(cohort).sessions, which // 7)
        if session is None:
            return
        mark = activity.Mark(
            trainee, status, late_minutes=5 if status is AttendanceStatus.LATE else 0
        )
        self.world.act(
            laptop, cohort.id, lambda ws: activity.mark_attendance(ws, cohort, session, [mark])
        )

    @rule(
        laptop=laptops,
        which=picks,
        skill=st.sampled_from(RATED_SKILLS),
        level=st.integers(min_value=0, max_value=4),
        measure=st.none() | st.floats(min_value=0, max_value=1),
    )
    def rate(self, laptop: str, which: int, skill: str, level: int, measure: float | None) -> None:
        """Rate a trainee (refused, and nothing written, if the trainee left before today)."""
        ws = self._ws(laptop)
        found, trainer = pick(all_trainees(ws), which), pick(ws.trainers(), which)
        if found is None or trainer is None:
            return
        cohort, trainee = found
        value = None
        spec = CATALOGUE.skill(skill).measurement
        if spec is not None and measure is not None:
            quantity = CATALOGUE.quantities[spec.quantity]
            span = quantity.physical_max - quantity.physical_min
            value = round(quantity.physical_min + measure * span, 2)
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: activity.rate(
                ws, cohort, trainee, skill, level, trainer=trainer, measured_value=value
            ),
        )

    @rule(
        laptop=laptops,
        which=picks,
        minutes=st.sampled_from([30, 60, 90, 120]),
        competencies=st.lists(st.sampled_from(DRIVING_SKILLS), max_size=2),
    )
    def drive(self, laptop: str, which: int, minutes: int, competencies: list[str]) -> None:
        """Log a driving lesson in a slot no other lesson uses: lessons never overlap."""
        ws = self._ws(laptop)
        found = pick(all_trainees(ws), which)
        if found is None:
            return
        cohort, trainee = found
        slot = next(self.counter)
        day = DRIVING_FROM + dt.timedelta(days=slot // 3)
        start = dt.time(8 + 3 * (slot % 3), 0)
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: activity.log_driving(
                ws,
                cohort,
                trainee,
                date=day,
                start=start,
                minutes=minutes,
                instructor="M. Lefèvre",
                competencies=competencies,
            ),
        )

    @rule(laptop=laptops, which=picks, reason=st.sampled_from(REASONS))
    def void(self, laptop: str, which: int, reason: str) -> None:
        """Void a known assessment, driving lesson, session or attendance mark."""
        ws = self._ws(laptop)
        facts = []
        for cohort in ws.cohorts():
            records = ws.cohort_records(cohort)
            facts += [(cohort, a.id) for a in records.assessments]
            facts += [(cohort, d.id) for d in records.lessons]
            facts += [(cohort, s.id) for s in records.sessions]
            facts += [
                (cohort, rec.attendance_id(m.session_id, m.trainee_id)) for m in records.attendances
            ]
        found = pick(facts, which)
        if found is None:
            return
        cohort, entity_id = found
        self.world.act(laptop, cohort.id, lambda ws: activity.void(ws, entity_id, reason))

    @rule(laptop=laptops, which=picks)
    def erase(self, laptop: str, which: int) -> None:
        """A trainee's erasure (GDPR art. 17), on one laptop, possibly mid-way through edits."""
        found = pick(all_trainees(self._ws(laptop)), which)
        if found is None:
            return
        cohort, trainee = found
        self.world.act(laptop, cohort.id, lambda ws: erase_trainee(ws, cohort, trainee))

    @rule(laptop=laptops, which=picks)
    def new_cohort(self, laptop: str, which: int) -> None:
        """Another cohort (another partition) and its first trainee.

        Two laptops may each create a cohort of the same name: both are kept.
        """
        ws = self._ws(laptop)
        name = EXTRA_COHORTS[which % len(EXTRA_COHORTS)]
        if any(c.name == name for c in ws.cohorts()):
            return
        cohort = self.world.act(
            laptop,
            GLOBAL,
            lambda ws: enrolment.create_cohort(
                ws,
                name=name,
                campus="Villeurbanne",
                start=DRIVING_FROM,
                end=dt.date(2027, 1, 29),
            ),
        )
        assert cohort is not None
        code = f"VI26{next(self.counter):03d}"
        self.world.act(
            laptop,
            cohort.id,
            lambda ws: enrolment.enrol_trainee(
                ws, cohort, first_name="Dylan", last_name="Moreau", code=code
            ),
        )
