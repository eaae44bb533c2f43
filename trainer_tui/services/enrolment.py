"""Cohorts, trainers and trainees: create, enrol, edit, withdraw."""

from __future__ import annotations

import datetime as dt
import secrets
import string
import unicodedata
from typing import Any

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee, TraineeStatus, Trainer
from trainer_tui.domain.rules import check_not_erased, check_not_future, check_within_cohort
from trainer_tui.services import records as rec
from trainer_tui.services.errors import build
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL

_CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "O0I1")
#: Profile fields a trainer may edit in place (last writer wins per field).
EDITABLE_FIELDS = ("first_name", "last_name", "email", "phone", "code")


def create_cohort(
    ws: Workspace,
    *,
    name: str,
    campus: str,
    start: dt.date,
    end: dt.date,
    training_hours: float = 400.0,
    driving_hours: float = 21.0,
) -> Cohort:
    """Create a cohort on the workspace's catalogue."""
    if any(c.name.casefold() == name.strip().casefold() for c in ws.cohorts()):
        raise RuleViolation("duplicate_cohort", "name", "a cohort named {name} exists", name=name)
    cohort = build(
        Cohort,
        id=ws.new_id("c"),
        campus=campus,
        name=name,
        start=start,
        end=end,
        training_hours_target=training_hours,
        driving_hours_target=driving_hours,
        catalogue_id=ws.catalogue.id,
        catalogue_version=ws.catalogue.version,
    )
    ws.save(GLOBAL, cohort)
    return cohort


def add_trainer(ws: Workspace, *, name: str, initials: str) -> Trainer:
    """Add a trainer (or a driving instructor); initials must be unique."""
    if any(t.initials == initials.strip().upper() for t in ws.trainers()):
        raise RuleViolation(
            "duplicate_initials", "initials", "initials {initials} are taken", initials=initials
        )
    trainer = build(Trainer, id=ws.new_id("tr"), name=name, initials=initials.strip().upper())
    ws.save(GLOBAL, trainer)
    return trainer


def _campus_letters(campus: str) -> str:
    plain = unicodedata.normalize("NFKD", campus).encode("ascii", "ignore").decode()
    words = [w for w in plain.replace("-", " ").split() if w.isalnum()]
    return ("".join(w[0] for w in words).upper() or "XX")[:3]


def new_trainee_code(ws: Workspace, cohort: Cohort) -> str:
    """A short pseudonymous code (campus letters, year, 3 random characters), unique here."""
    taken = {t.code for t in ws.cohort_records(cohort).trainees}
    prefix = f"{_campus_letters(cohort.campus)}{cohort.start.year % 100:02d}"
    while True:
        suffix = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(3))
        if prefix + suffix not in taken:
            return prefix + suffix


def enrol_trainee(
    ws: Workspace,
    cohort: Cohort,
    *,
    first_name: str,
    last_name: str,
    code: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> Trainee:
    """Enrol a trainee in ``cohort`` (a code is generated unless given)."""
    code = code.strip().upper() if code else new_trainee_code(ws, cohort)
    if any(t.code == code for t in ws.cohort_records(cohort).trainees):
        raise RuleViolation("duplicate_code", "code", "code {code} is taken", code=code)
    trainee = build(
        Trainee,
        id=ws.new_id("t"),
        cohort_id=cohort.id,
        first_name=first_name,
        last_name=last_name,
        code=code,
        email=email or None,
        phone=phone or None,
    )
    ws.save(cohort.id, trainee)
    return trainee


def edit_trainee(ws: Workspace, cohort: Cohort, trainee: Trainee, **changes: Any) -> Trainee:
    """Change profile fields; only the fields that differ are written."""
    check_not_erased(trainee)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise RuleViolation(
            "not_editable", sorted(unknown)[0], "cannot edit {field}", field=sorted(unknown)[0]
        )
    updated = build(Trainee, **(trainee.model_dump() | changes))
    if updated.code != trainee.code and any(
        t.code == updated.code for t in ws.cohort_records(cohort).trainees
    ):
        raise RuleViolation("duplicate_code", "code", "code {code} is taken", code=updated.code)
    before, after = rec.values_of(trainee), rec.values_of(updated)
    diff = {name: after[name] for name in after if after[name] != before[name]}
    if diff:
        ws.save_fields(cohort.id, rec.TRAINEE, trainee.id, diff)
    return updated


def withdraw_trainee(
    ws: Workspace, cohort: Cohort, trainee: Trainee, *, on: dt.date, reason: str
) -> Trainee:
    """Record that a trainee left the programme early, with the date and the reason."""
    check_not_erased(trainee)
    check_not_future(on, ws.today())
    check_within_cohort(on, cohort)
    updated = build(
        Trainee,
        **(
            trainee.model_dump()
            | {"status": TraineeStatus.LEFT, "left_on": on, "left_reason": reason}
        ),
    )
    ws.save_fields(
        cohort.id,
        rec.TRAINEE,
        trainee.id,
        {k: rec.values_of(updated)[k] for k in ("status", "left_on", "left_reason")},
    )
    return updated
