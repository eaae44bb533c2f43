"""A trainee's right to erasure (GDPR art. 17), carried to every laptop by sync.

What is erased: the trainee's names, contact details, leaving reason and code (replaced by
an anonymous code worked out from the record id, so that every laptop writes the same
values), and the free-text notes and comments of the records about them. What is kept:
attendance, hours, assessments and driving lessons, attached to the anonymous record, so
that the cohort's hours and statistics stay right (the training organisation must be able
to show the hours it was paid for).

Storage carries the erasure out (storage/erasure.py): this laptop's files are rewritten at
once, the other laptops' when the erasure reaches them, and superseded files are deleted
from the sync folders they meet. Outside the app's reach remain documents already exported
(PDF, CSV) and copies of the sync folder kept elsewhere: :data:`RESIDUE` names them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.services import dashboard_cache
from trainer_tui.services import records as rec
from trainer_tui.services.errors import write_failed
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import Change
from trainer_tui.storage.erasure import ErasureSpec

#: The names every erased trainee gets (their code becomes an anonymous one).
ANONYMOUS_NAMES = {"first_name": "Stagiaire", "last_name": "Anonyme"}
#: Free-text fields of the records that name a trainee (a voided record's reason included).
LINKED_TEXT = {"note": "", "comment": "", "void_reason": ""}
#: Message keys of what an erasure cannot reach, shown after it.
RESIDUE = ("erasure.residue_exports", "erasure.residue_copies")


@dataclass(frozen=True, slots=True)
class ErasureOutcome:
    """What an erasure did here: the anonymous code and the files rewritten."""

    anonymous_code: str
    files_rewritten: int


def anonymous_code(trainee_id: str) -> str:
    """The code an erased trainee gets: the same on every laptop, telling nothing about them."""
    return "X" + hashlib.sha256(trainee_id.encode("utf-8")).hexdigest()[:7].upper()


def erasure_spec(trainee_id: str, linked_entities: tuple[str, ...] = ()) -> ErasureSpec:
    """What erasing this trainee replaces, and with what.

    ``linked_entities`` are the records naming the trainee (their later ops, a void for
    instance, do not repeat the trainee's id).
    """
    code = anonymous_code(trainee_id)
    return ErasureSpec(
        target=rec.TRAINEE,
        entity_id=trainee_id,
        fields={
            **ANONYMOUS_NAMES,
            "code": code,
            "email": None,
            "phone": None,
            "left_reason": "—",
        },
        link="trainee_id",
        linked_fields=LINKED_TEXT,
        linked_entities=linked_entities,
    )


def erase_trainee(ws: Workspace, cohort: Cohort, trainee: Trainee) -> ErasureOutcome:
    """Erase ``trainee``'s identity everywhere on this laptop, durably, and mark it erased.

    Refused for a trainee already erased. The erasure op and the ``erased_on`` mark are
    written in one batch; the files are then rewritten (an interrupted rewrite resumes the
    next time the cohort is opened).
    """
    if trainee.erased_on is not None:
        raise RuleViolation(
            "already_erased", "trainee", "{trainee} was already erased", trainee=trainee.code
        )
    state = ws.partition(cohort.id)
    linked = tuple(
        entity.entity_id
        for entity in state.entities.values()
        if entity.values.get("trainee_id") == trainee.id
    )
    spec = erasure_spec(trainee.id, linked)
    mark = Change(rec.TRAINEE, trainee.id, {"erased_on": ws.today().isoformat()})
    try:
        rewritten = ws.replica.erase(cohort.id, spec, also=[mark])
    except OSError as error:
        raise write_failed(error, "data", ws.replica.data_dir) from error
    forget_derived(ws, [cohort.id])
    return ErasureOutcome(anonymous_code(trainee.id), rewritten)


def forget_derived(ws: Workspace, partitions: list[str]) -> None:
    """Drop what this laptop derived from the erased records (it may hold the names)."""
    for partition in partitions:
        dashboard_cache.forget(ws, partition)
