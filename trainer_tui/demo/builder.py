"""The shared building block: one cohort's records from its start date up to ``today``.

Both the demo cohort and the synthetic campus history call ``generate_cohort``; they differ
only in the plan (dates, size, who struggles or leaves) and in ``today``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from trainer_tui.demo import names
from trainer_tui.demo.calendar import Slot, timetable
from trainer_tui.demo.curriculum import RATING_CHANCE, Curriculum
from trainer_tui.demo.dataset import Dataset
from trainer_tui.demo.driving import PlannedLesson, plan_driving
from trainer_tui.demo.facts import FactMaker, mark_day
from trainer_tui.demo.people import Profile, Staff, make_profiles
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import (
    DEFAULT_DRIVING_HOURS,
    DEFAULT_TRAINING_HOURS,
    Cohort,
    Trainee,
    TraineeStatus,
)
from trainer_tui.domain.records import (
    Attendance,
    AttendanceStatus,
    DrivingLesson,
    Session,
    SessionKind,
)

KIND_LABELS_FR: dict[SessionKind, str] = {
    SessionKind.PRACTICAL: "Atelier pratique",
    SessionKind.FRENCH: "Français appliqué",
    SessionKind.MATHS: "Mathématiques appliquées",
    SessionKind.WORKPLACE: "Codes de l'entreprise",
    SessionKind.SAFETY: "Sécurité",
    SessionKind.ASSESSMENT: "Évaluation en cours de formation",
    SessionKind.COMPANY_VISIT: "Visite d'entreprise",
}
#: Where in the programme the company visits fall (share of the half-days done).
COMPANY_VISITS = (0.55, 0.8)
#: Where a struggling trainee's run of absences may start (share of the programme), and
#: how many school days it lasts.
ROUGH_PATCH_WINDOW = (0.15, 0.4)
ROUGH_PATCH_DAYS = (5, 8)


@dataclass(frozen=True, slots=True)
class CohortPlan:
    """What to generate for one cohort.

    ``leavers`` lists, for each trainee who leaves early, the share of the programme done on
    the day they leave (0.3 = about week 4).
    """

    id_prefix: str
    code_prefix: str
    campus: str
    name: str
    start: dt.date
    trainee_count: int = 14
    struggling: int = 1
    leavers: tuple[float, ...] = ()
    training_hours: float = DEFAULT_TRAINING_HOURS
    driving_hours: float = DEFAULT_DRIVING_HOURS


def cohort_end(plan: CohortPlan) -> dt.date:
    """The last day of the programme: the date of its last half-day."""
    return timetable(plan.start, round(plan.training_hours * 60))[-1].date


def _with_events(
    rng: random.Random, plan: CohortPlan, profiles: list[Profile], slots: list[Slot]
) -> list[Profile]:
    """Give leavers their leaving date and struggling trainees a run of absences."""
    # Leavers are drawn among regular trainees: the struggling one must stay visible as
    # "falling behind" until the end.
    regular = [index for index, p in enumerate(profiles) if not p.struggling]
    chosen = rng.sample(regular, min(len(plan.leavers), len(regular)))
    result = list(profiles)
    for index, share in zip(chosen, plan.leavers, strict=False):
        left_on = slots[min(len(slots) - 1, int(share * len(slots)))].date
        result[index] = dataclasses.replace(
            profiles[index], left_on=left_on, left_reason=rng.choice(names.LEFT_REASONS)
        )
    for index, profile in enumerate(result):
        if profile.struggling:
            # A week or so away (two half-days a day) somewhere in the first half.
            first = int(rng.uniform(*ROUGH_PATCH_WINDOW) * len(slots))
            last = min(len(slots) - 1, first + 2 * rng.randint(*ROUGH_PATCH_DAYS))
            result[index] = dataclasses.replace(
                profile, rough_patch=(slots[first].date, slots[last].date)
            )
    return result


def _trainee(profile: Profile, cohort: Cohort, today: dt.date) -> Trainee:
    if profile.left_on is not None and profile.left_on <= today:
        status, left_on, reason = TraineeStatus.LEFT, profile.left_on, profile.left_reason
    else:
        # A leaving date still in the future is not known yet on ``today``.
        finished = cohort.end <= today
        status = TraineeStatus.COMPLETED if finished else TraineeStatus.ACTIVE
        left_on, reason = None, None
    return Trainee(
        id=profile.trainee_id,
        cohort_id=cohort.id,
        first_name=profile.first_name,
        last_name=profile.last_name,
        code=profile.code,
        email=profile.email,
        phone=profile.phone,
        status=status,
        left_on=left_on,
        left_reason=reason,
    )


class _CohortRun:
    """The mutable state of one generation run (counters, lists being filled)."""

    def __init__(
        self,
        catalogue: Catalogue,
        curriculum: Curriculum,
        plan: CohortPlan,
        staff: Staff,
        rng: random.Random,
        cohort: Cohort,
        profiles: list[Profile],
    ) -> None:
        self.curriculum = curriculum
        self.plan = plan
        self.staff = staff
        self.rng = rng
        self.cohort = cohort
        self.profiles = profiles
        self.facts = FactMaker(catalogue, curriculum, rng, plan.id_prefix)
        self.sessions: list[Session] = []
        self.attendances: list[Attendance] = []
        self.lessons: list[DrivingLesson] = []

    def session(
        self, slot: Slot, index: int, count: int, absent_today: dict[str, AttendanceStatus]
    ) -> None:
        """One half-day: the session, everyone's attendance, then the ratings."""
        rng, progress = self.rng, index / count
        skills: tuple[str, ...] = ()
        visit_slots = {round(share * count) for share in COMPANY_VISITS}
        if index == 0:
            kind = SessionKind.WORKPLACE
            notes = "Accueil de la promotion : programme, règlement intérieur, visite du plateau."
        elif index in visit_slots:
            kind = SessionKind.COMPANY_VISIT
            notes = f"Visite d'un chantier de déploiement avec {rng.choice(names.COMPANIES)}."
        else:
            kind = self.curriculum.pick_kind(rng, progress)
            skills = self.curriculum.pick_skills(rng, kind, progress)
            topic = self.facts.catalogue.block_of(skills[0]).title.fr if skills else ""
            notes = f"{KIND_LABELS_FR[kind]} : {topic}" if topic else KIND_LABELS_FR[kind]
            if rng.random() < 0.12:
                notes += ". " + rng.choice(names.SESSION_REMARKS)
        trainer = rng.choice(self.staff.trainers_for(kind))
        session = Session(
            id=f"{self.plan.id_prefix}s-{len(self.sessions) + 1}",
            cohort_id=self.cohort.id,
            date=slot.date,
            start=slot.start,
            end=slot.end,
            kind=kind,
            trainer_id=trainer.id,
            skill_ids=skills,
            notes=notes,
        )
        self.sessions.append(session)
        chance = RATING_CHANCE[kind]
        for profile in self.profiles:
            if not profile.present_on(slot.date):
                continue
            mark = self.facts.attendance(session, profile, absent_today.get(profile.trainee_id))
            self.attendances.append(mark)
            if mark.status in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED):
                continue
            for skill_id in skills:
                if rng.random() < chance:
                    self.facts.rate_in_session(session, mark, profile, skill_id, progress)

    def lesson(self, planned: PlannedLesson, profile: Profile) -> None:
        """One driving lesson and the instructor's ratings of the competencies worked."""
        rng = self.rng
        competencies = self.curriculum.driving_competencies(rng, planned.progress)
        lesson = DrivingLesson(
            id=f"{self.plan.id_prefix}d-{len(self.lessons) + 1}",
            trainee_id=profile.trainee_id,
            date=planned.start.date(),
            start=planned.start.time(),
            minutes=planned.minutes,
            instructor=planned.instructor.name,
            driving_school=self.staff.driving_school,
            gearbox=profile.gearbox,
            competencies=competencies,
            comment=rng.choice(names.DRIVING_COMMENTS) if rng.random() < 0.3 else "",
        )
        self.lessons.append(lesson)
        for skill_id in competencies:
            self.facts.rate_driving(lesson, planned, profile, skill_id)

    def dataset(self, trainees: tuple[Trainee, ...]) -> Dataset:
        """Everything generated, as a ``Dataset`` (staff not included)."""
        return Dataset(
            cohorts=(self.cohort,),
            trainees=trainees,
            sessions=tuple(self.sessions),
            attendances=tuple(self.attendances),
            assessments=tuple(self.facts.assessments),
            driving_lessons=tuple(self.lessons),
        )


def generate_cohort(
    catalogue: Catalogue,
    plan: CohortPlan,
    staff: Staff,
    rng: random.Random,
    today: dt.date,
    curriculum: Curriculum | None = None,
) -> Dataset:
    """Generate ``plan``'s cohort: every fact dated up to ``today``, none after.

    The staff records are not included (a campus shares them between cohorts). Passing a
    prepared ``curriculum`` saves re-sorting the catalogue for every cohort.
    """
    curriculum = curriculum or Curriculum.from_catalogue(catalogue)
    slots = timetable(plan.start, round(plan.training_hours * 60))
    cohort = Cohort(
        id=f"{plan.id_prefix}c-1",
        campus=plan.campus,
        name=plan.name,
        start=plan.start,
        end=slots[-1].date,
        training_hours_target=plan.training_hours,
        driving_hours_target=plan.driving_hours,
        catalogue_id=catalogue.id,
        catalogue_version=catalogue.version,
    )
    profiles = make_profiles(
        rng, plan.id_prefix, plan.code_prefix, plan.trainee_count, struggling=plan.struggling
    )
    profiles = _with_events(rng, plan, profiles, slots)
    by_id = {profile.trainee_id: profile for profile in profiles}
    trainees = tuple(_trainee(profile, cohort, today) for profile in profiles)
    driving = plan_driving(
        rng,
        profiles,
        staff.instructors,
        cohort.start,
        cohort.end,
        today,
        cohort.driving_minutes_target,
    )
    run = _CohortRun(catalogue, curriculum, plan, staff, rng, cohort, profiles)
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for index, slot in enumerate(slots):
        if slot.date <= today:
            by_day[slot.date].append(index)
    # Day by day, sessions then the evening's driving lessons, so that ids and every tuple
    # of the dataset follow the order in which things happened.
    for day in sorted(set(by_day) | {d for d in driving if d <= today}):
        absent_today = mark_day(rng, profiles, day)
        for index in by_day.get(day, ()):
            run.session(slots[index], index, len(slots), absent_today)
        for planned in sorted(driving.get(day, ()), key=lambda lesson: lesson.start):
            run.lesson(planned, by_id[planned.trainee_id])
    return run.dataset(trainees)
