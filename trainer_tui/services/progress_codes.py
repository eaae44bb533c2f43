"""Signed progress codes: what a trainee's QR code holds, and checking one.

The code is the payload of :mod:`trainer_tui.exports.progress_code`, signed with this laptop's
key. In a QR code it follows the viewer's address (``<viewer URL>#<code>``) when the school
has put the viewer page online (setting ``viewer_url``); otherwise the QR code holds a short
plain-text summary that any phone camera shows without a network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.exports.progress_code import (
    PayloadError,
    ProgressPayload,
    catalogue_ref,
    from_text,
    short_digest,
    to_text,
)
from trainer_tui.exports.signing import Verdict, public_key_of, sign, verify
from trainer_tui.i18n import decimal, format_date, t
from trainer_tui.services import keys
from trainer_tui.services.preferences import paperwork
from trainer_tui.services.trainee_file import TraineeFile, load_trainee_file
from trainer_tui.services.workspace import Workspace


def skill_order(catalogue: Catalogue) -> list[str]:
    """The order in which a code packs levels: the catalogue's active skills."""
    return [skill.id for block in catalogue.blocks for skill in block.active_skills]


def current_levels_of(file: TraineeFile) -> dict[str, int]:
    """Each skill's current level, as the trainee file already worked it out."""
    return {line.skill.id: line.current.level for line in file.skills if line.current}


def payload_of(
    ws: Workspace, file: TraineeFile, private_key: bytes, *, first_name: bool = False
) -> ProgressPayload:
    """The trainee's progress today, as a code carries it (first name only if asked)."""
    levels = current_levels_of(file)
    catalogue = ws.catalogue
    return ProgressPayload(
        key_id=short_digest(public_key_of(private_key)),
        catalogue_ref=catalogue_ref(catalogue.id, catalogue.version),
        issued_on=ws.today(),
        training_minutes=min(file.training.done_minutes, 0xFFFF),
        driving_minutes=min(file.driving.done_minutes, 0xFFFF),
        code=file.trainee.code,
        first_name=file.trainee.first_name if first_name else "",
        levels=tuple(levels.get(skill_id, 0) for skill_id in skill_order(catalogue)),
    )


def signed_code(
    ws: Workspace,
    cohort: Cohort,
    trainee: Trainee,
    *,
    first_name: bool = False,
    file: TraineeFile | None = None,
) -> str:
    """The signed code as text (base64url), ready to follow ``#``."""
    file = file or load_trainee_file(ws, cohort, trainee.id)
    private = keys.private_key(ws)
    return to_text(sign(payload_of(ws, file, private, first_name=first_name), private))


def qr_content(
    ws: Workspace,
    cohort: Cohort,
    trainee: Trainee,
    *,
    first_name: bool = False,
    file: TraineeFile | None = None,
) -> str:
    """What the trainee's QR code holds: the viewer link, else a plain-text summary.

    ``file`` is the trainee's file when the caller has it already (progress sheets).
    """
    file = file or load_trainee_file(ws, cohort, trainee.id)
    url = paperwork(ws).viewer_url
    if url:
        code = signed_code(ws, cohort, trainee, first_name=first_name, file=file)
        return f"{url.split('#', 1)[0]}#{code}"
    return summary_text(file, ws.today(), first_name=first_name)


def summary_text(file: TraineeFile, today: dt.date, *, first_name: bool) -> str:
    """A few lines any phone camera shows offline (not signed: says so)."""
    trainee = file.trainee
    blocks = " ".join(f"{block.block_id} {round(block.share * 100)}%" for block in file.blocks)
    who = f"{trainee.first_name} ({trainee.code})" if first_name else trainee.code
    return "\n".join(
        [
            t("code.summary.title", who=who, cohort=file.cohort.name),
            t("code.summary.acquired", proficient=file.proficient, total=file.total),
            t(
                "code.summary.hours",
                training=decimal(file.training.done_minutes / 60, 1),
                training_target=decimal(file.training.target_minutes / 60, 0),
                driving=decimal(file.driving.done_minutes / 60, 1),
                driving_target=decimal(file.driving.target_minutes / 60, 0),
            ),
            blocks,
            t("code.summary.issued", date=format_date(today)),
        ]
    )


@dataclass(frozen=True, slots=True)
class CheckedCode:
    """A code read back: its verdict, and the catalogue it refers to when known here."""

    verdict: Verdict
    catalogue: Catalogue | None


def check_code(ws: Workspace, text: str) -> CheckedCode:
    """Decode and verify a code (or a whole viewer URL); :class:`PayloadError` if unreadable."""
    verdict = verify(from_text(text), keys.trusted_keys(ws))
    catalogue = ws.catalogue
    known = verdict.payload.catalogue_ref == catalogue_ref(catalogue.id, catalogue.version)
    if known and len(verdict.payload.levels) != len(skill_order(catalogue)):
        raise PayloadError("the skill count does not match the catalogue", "other_catalogue")
    return CheckedCode(verdict, catalogue if known else None)


def days_old(code: CheckedCode, today: dt.date) -> int:
    """How long ago the code was issued."""
    return (today - code.verdict.payload.issued_on).days
