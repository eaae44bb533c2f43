"""Generated people: the campus staff and the trainees of a cohort, with hidden profiles.

A profile holds what the generator needs but the domain never stores (how quick a trainee
learns, how assiduous they are): progress and absences are derived from facts only.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from trainer_tui.demo import names
from trainer_tui.domain.people import Trainer
from trainer_tui.domain.records import Gearbox, SessionKind

#: Characters of the random part of a trainee code: no 0/O or 1/I to misread on paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

_FIBRE = (SessionKind.PRACTICAL, SessionKind.SAFETY, SessionKind.ASSESSMENT)
_BASICS = (SessionKind.FRENCH, SessionKind.MATHS)
_WORKPLACE = (SessionKind.WORKPLACE, SessionKind.COMPANY_VISIT)

#: What each school trainer teaches: two fibre technicians, one trainer for French and
#: maths, one for workplace codes. With three trainers the basics trainer takes both.
ROLES_BY_TEAM_SIZE: dict[int, tuple[tuple[SessionKind, ...], ...]] = {
    3: (_FIBRE, (*_FIBRE, SessionKind.COMPANY_VISIT), (*_BASICS, *_WORKPLACE)),
    4: (_FIBRE, (*_FIBRE, SessionKind.COMPANY_VISIT), _BASICS, _WORKPLACE),
}


@dataclass(frozen=True, slots=True)
class Staff:
    """School trainers with what they teach, plus the driving school and its instructors.

    Instructors are ``Trainer`` records too (the domain's Trainer covers instructors) so that
    they can sign the assessments of driving competencies.
    """

    trainers: tuple[Trainer, ...]
    roles: tuple[tuple[SessionKind, ...], ...]
    instructors: tuple[Trainer, ...]
    driving_school: str

    @property
    def everyone(self) -> tuple[Trainer, ...]:
        """Trainers then instructors, as stored."""
        return self.trainers + self.instructors

    def trainers_for(self, kind: SessionKind) -> tuple[Trainer, ...]:
        """The trainers who run sessions of ``kind`` (everyone if nobody has that role)."""
        found = tuple(
            t for t, kinds in zip(self.trainers, self.roles, strict=True) if kind in kinds
        )
        return found or self.trainers


def make_staff(
    rng: random.Random,
    id_prefix: str,
    *,
    trainer_count: int = 4,
    instructor_count: int = 2,
    exclude: Staff | None = None,
) -> Staff:
    """Draw a team of ``trainer_count`` (3 or 4) trainers and a driving school.

    People of the ``exclude`` team are not drawn again (two teams of one campus).
    """
    if trainer_count not in ROLES_BY_TEAM_SIZE:
        raise ValueError(f"trainer_count must be 3 or 4, not {trainer_count}")
    taken = {person.name for person in exclude.everyone} if exclude else set()
    trainer_names = rng.sample([n for n in names.TRAINER_NAMES if n not in taken], trainer_count)
    instructor_names = rng.sample(
        [n for n in names.INSTRUCTOR_NAMES if n not in taken], instructor_count
    )
    trainers = tuple(
        Trainer(id=f"{id_prefix}tr-{n}", name=name, initials=names.initials(name))
        for n, name in enumerate(trainer_names, start=1)
    )
    instructors = tuple(
        Trainer(id=f"{id_prefix}in-{n}", name=name, initials=names.initials(name))
        for n, name in enumerate(instructor_names, start=1)
    )
    return Staff(
        trainers, ROLES_BY_TEAM_SIZE[trainer_count], instructors, rng.choice(names.DRIVING_SCHOOLS)
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """One trainee as the generator sees them."""

    trainee_id: str
    first_name: str
    last_name: str
    code: str
    email: str | None
    phone: str | None
    #: Learning speed: about 1 for most, 0.6-0.8 for slower trainees.
    aptitude: float
    #: A trainee with many absences and late arrivals ("falling behind").
    struggling: bool
    gearbox: Gearbox
    left_on: dt.date | None = None
    left_reason: str | None = None
    #: A run of days a struggling trainee stays away (first and last day), so that falling
    #: behind shows on every seed and not only when the dice say so.
    rough_patch: tuple[dt.date, dt.date] | None = None

    def in_rough_patch(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the trainee's run of absences."""
        return self.rough_patch is not None and self.rough_patch[0] <= day <= self.rough_patch[1]

    def present_on(self, day: dt.date) -> bool:
        """Whether the trainee is still in the programme on ``day`` (not after leaving)."""
        return self.left_on is None or day < self.left_on


def _phone(rng: random.Random) -> str:
    digits = [rng.randint(10, 99) for _ in range(4)]
    return rng.choice(("06", "07")) + "".join(f" {pair:02d}" for pair in digits)


def _email(first: str, last: str) -> str:
    def slug(text: str) -> str:
        return "".join(c for c in names.ascii_fold(text).lower() if c.isalnum())

    return f"{slug(first)}.{slug(last)}@exemple.fr"


def make_profiles(
    rng: random.Random, id_prefix: str, code_prefix: str, count: int, *, struggling: int = 0
) -> list[Profile]:
    """Draw ``count`` trainees with distinct first names and codes.

    ``struggling`` of them (not the first) are slow learners with many absences.
    """
    firsts = rng.sample(names.TRAINEE_FIRST_NAMES, count)
    struggling_ids = set(rng.sample(range(1, count), min(struggling, count - 1)))
    codes: set[str] = set()
    profiles = []
    for n, first in enumerate(firsts):
        last = rng.choice(names.TRAINEE_LAST_NAMES)
        code = ""
        while not code or code in codes:
            code = code_prefix + "".join(rng.choices(CODE_ALPHABET, k=3))
        codes.add(code)
        slow = n in struggling_ids
        aptitude = rng.uniform(0.45, 0.6) if slow else rng.choice((0.7, 0.9, 1.0, 1.1, 1.3))
        profiles.append(
            Profile(
                trainee_id=f"{id_prefix}t-{n + 1}",
                first_name=first,
                last_name=last,
                code=code,
                email=_email(first, last) if rng.random() < 0.5 else None,
                phone=_phone(rng) if rng.random() < 0.75 else None,
                aptitude=aptitude * rng.uniform(0.9, 1.1),
                struggling=slow,
                gearbox=Gearbox.AUTOMATIC if rng.random() < 0.1 else Gearbox.MANUAL,
            )
        )
    return profiles
