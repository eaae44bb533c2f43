"""A trainee's skills as a signed Open Badges 3.0 credential, and checking one."""

from __future__ import annotations

import hashlib
import hmac

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.rules import check_not_erased
from trainer_tui.exports.badge import (
    BadgeData,
    BadgeVerdict,
    SkillResult,
    build_credential,
    sign_badge,
    verify_badge,
)
from trainer_tui.exports.signing import public_key_of
from trainer_tui.i18n import get_language, t
from trainer_tui.services import keys, paperwork
from trainer_tui.services.progress_codes import current_levels_of
from trainer_tui.services.trainee_file import load_trainee_file
from trainer_tui.services.workspace import Workspace


def badge_data(ws: Workspace, cohort: Cohort, trainee: Trainee, private: bytes) -> BadgeData:
    """What ``trainee``'s credential says today: every skill assessed above zero."""
    check_not_erased(trainee)  # GDPR art. 17: nothing is handed out about them any more
    language = get_language()
    catalogue = ws.catalogue
    file = load_trainee_file(ws, cohort, trainee.id)
    levels = current_levels_of(file)
    skills = [skill for block in catalogue.blocks for skill in block.active_skills]
    # A salt the same for this trainee and this laptop, that nobody else can work out: the
    # trainee can prove the badge is theirs by giving their code; nobody can guess it.
    salt = hmac.new(private, trainee.code.encode(), hashlib.sha256).hexdigest()[:16]
    return BadgeData(
        issuer_name=f"{paperwork.organisation(ws, cohort).name} — {cohort.campus}",
        programme=catalogue.title.get(language),
        programme_description=t(
            "badge.description",
            programme=catalogue.title.get(language),
            hours=round(cohort.training_minutes_target / 60),
        ),
        catalogue_id=catalogue.id,
        catalogue_version=catalogue.version,
        skills=tuple((skill.id, skill.title.get(language)) for skill in skills),
        scale=tuple((n, catalogue.scale.label(n, language)) for n in catalogue.scale.values),
        results=tuple(
            SkillResult(
                skill.id,
                skill.title.get(language),
                levels[skill.id],
                catalogue.scale.label(levels[skill.id], language),
            )
            for skill in skills
            if levels.get(skill.id)
        ),
        trainee_code=trainee.code,
        salt=salt,
        started=cohort.start,
        ended=min(cohort.end, trainee.left_on or cohort.end),
        issued_on=ws.today(),
        training_minutes=file.training.done_minutes,
    )


def issue_badge(ws: Workspace, cohort: Cohort, trainee: Trainee) -> str:
    """The signed credential (a compact VC-JWT), with this laptop's key."""
    private = keys.private_key(ws)
    data = badge_data(ws, cohort, trainee, private)
    return sign_badge(build_credential(data, public_key_of(private)), private)


def check_badge(ws: Workspace, token: str) -> BadgeVerdict:
    """Verify a badge against the keys this laptop trusts (raises ``BadgeError`` if forged)."""
    return verify_badge(token, keys.trusted_keys(ws))
