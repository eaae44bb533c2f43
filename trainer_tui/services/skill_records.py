"""Skill records for employers: what a trainee's record says, written signed, and checked.

A record is made for one trainee or for each (non-erased) trainee of a cohort, in one of four
formats: a PDF attestation, a CSV file for French Excel, a JSON document (schema shipped in
``exports/record.schema.json``) or an Open Badges 3.0 credential. PDF, CSV and JSON are signed
with this laptop's key (:mod:`trainer_tui.exports.record_signing`); the badge is a VC-JWT
(:mod:`trainer_tui.services.badges`). Every file is written atomically.

For a cohort, the CSV and the JSON hold every trainee in one file; PDFs and badges are one file
per trainee (each goes to a different employer, and each stays verifiable on its own) in a
folder named after the cohort.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.exports.record_csv import render_record_csv
from trainer_tui.exports.record_pdf import render_record_pdf
from trainer_tui.exports.record_signing import (
    RecordCheck,
    check_record,
    pdf_summary,
    sign_csv,
    sign_json,
    sign_pdf,
)
from trainer_tui.exports.skill_record import (
    RecordBlock,
    RecordSkill,
    SkillRecord,
    record_document,
)
from trainer_tui.i18n import get_language, t
from trainer_tui.services import keys, paperwork
from trainer_tui.services.badges import issue_badge
from trainer_tui.services.exporting import slug
from trainer_tui.services.preferences import Paperwork
from trainer_tui.services.preferences import paperwork as settings
from trainer_tui.services.progress_codes import signed_code
from trainer_tui.services.trainee_file import load_trainee_file
from trainer_tui.services.workspace import Workspace

RecordFormat = Literal["pdf", "csv", "json", "badge"]
FORMATS: tuple[RecordFormat, ...] = ("pdf", "csv", "json", "badge")
BADGE_SUFFIX = ".badge.jwt"
#: Told how many trainees' records are made, out of how many (a screen shows it).
Progress = Callable[[int, int], None]


def record_trainees(ws: Workspace, cohort: Cohort) -> list[Trainee]:
    """The trainees of ``cohort`` who get a record: everyone enrolled, but erased ones.

    Those who left early keep theirs (what they acquired still counts for an employer).
    """
    return [p for p in ws.cohort_records(cohort).trainees if p.erased_on is None]


def _level_label(ws: Workspace, level: int) -> str:
    try:
        return ws.catalogue.scale.label(level, get_language())
    except KeyError:
        return str(level)


def skill_record(
    ws: Workspace, cohort: Cohort, trainee: Trainee, details: Paperwork | None = None
) -> SkillRecord:
    """What ``trainee``'s record says today: each active skill's current level, and why."""
    if trainee.erased_on is not None:  # GDPR art. 17: nothing about them is handed out
        raise RuleViolation(
            "trainee_erased", "trainee", "{trainee} was erased", trainee=trainee.code
        )
    language = get_language()
    catalogue = ws.catalogue
    details = details or settings(ws)
    organisation = paperwork.organisation(ws, cohort, details)
    file = load_trainee_file(ws, cohort, trainee.id)
    current = {line.skill.id: line.current for line in file.skills}
    assessors = {line.assessment.id: line.trainer for line in file.history}
    progress = {block.block_id: block for block in file.blocks}
    scale = catalogue.scale
    blocks = []
    for block in catalogue.blocks:
        skills = []
        for skill in block.active_skills:
            assessment = current.get(skill.id)
            level = assessment.level if assessment else scale.not_assessed
            assessor = assessors.get(assessment.id) if assessment else None
            spec = skill.measurement
            skills.append(
                RecordSkill(
                    skill_id=skill.id,
                    title=skill.title.get(language),
                    level=level,
                    level_label=_level_label(ws, level),
                    proficient=scale.is_proficient(level),
                    assessed_on=assessment.recorded_at.date() if assessment else None,
                    assessor=assessor.name if assessor else "",
                    measured_value=assessment.measured_value if assessment else None,
                    unit=spec.unit if spec else "",
                )
            )
        done = progress.get(block.id)
        blocks.append(
            RecordBlock(
                block.id,
                block.title.get(language),
                done.proficient if done else 0,
                done.total if done else len(skills),
                tuple(skills),
            )
        )
    code = signed_code(ws, cohort, trainee, file=file)
    url = details.viewer_url.split("#", 1)[0]
    return SkillRecord(
        organisation=organisation,
        programme=paperwork.programme(ws, cohort),
        catalogue_id=catalogue.id,
        catalogue_version=catalogue.version,
        code=trainee.code,
        first_name=trainee.first_name,
        last_name=trainee.last_name,
        status=trainee.status.value,
        left_on=trainee.left_on,
        issued_on=ws.today(),
        language=language,
        training_minutes=file.training.done_minutes,
        driving_minutes=file.driving.done_minutes,
        driving_target_minutes=cohort.driving_minutes_target,
        scale=tuple((n, _level_label(ws, n)) for n in scale.values),
        proficient_from=scale.proficient_from,
        blocks=tuple(blocks),
        qr_content=f"{url}#{code}" if url else code,
        place=details.place,
        signatory=details.signatory,
    )


def _pdf(ws: Workspace, record: SkillRecord, private: bytes) -> bytes:
    summary = pdf_summary(
        record.issued_on,
        record.programme.cohort,
        [(record.code, record.full_name)],
        f"{record.catalogue_id}@{record.catalogue_version}",
    )
    return sign_pdf(render_record_pdf([record]), summary, private)


def _files(
    ws: Workspace,
    cohort: Cohort,
    trainees: Sequence[Trainee],
    kind: RecordFormat,
    progress: Progress | None = None,
) -> list[tuple[str, bytes]]:
    """Each file to write, named for a folder of the cohort's files: (name, content)."""
    tell = progress or (lambda done, total: None)
    if kind == "badge":
        badges = []
        for done, trainee in enumerate(trainees, 1):
            badges.append((f"{trainee.code}{BADGE_SUFFIX}", issue_badge(ws, cohort, trainee)))
            tell(done, len(trainees))
        return [(name, token.encode("ascii")) for name, token in badges]
    details = settings(ws)
    private = keys.private_key(ws)
    records = [skill_record(ws, cohort, trainee, details) for trainee in trainees]
    if kind == "pdf":
        files = []
        for done, record in enumerate(records, 1):  # about half a second each
            name = f"{t('record.file.pdf')}-{record.code}.pdf"
            files.append((name, _pdf(ws, record, private)))
            tell(done, len(records))
        return files
    if kind == "csv":
        content = sign_csv(render_record_csv(records), ws.today(), private)
    else:
        content = sign_json(record_document(records), private)
    tell(len(records), len(records))
    return [(f"{t('record.file.data')}.{kind}", content)]


def default_name(
    cohort: Cohort, trainees: Sequence[Trainee], kind: RecordFormat, today: str
) -> str:
    """The file (or, for a cohort's PDFs and badges, the folder) written when none is given."""
    if len(trainees) == 1:
        code = trainees[0].code
        if kind == "badge":
            return f"{code}{BADGE_SUFFIX}"
        key = "pdf" if kind == "pdf" else "data"
        return f"{t(f'record.file.{key}')}-{slug(cohort.name)}-{code}-{today}.{kind}"
    if kind in ("pdf", "badge"):
        return f"{t(f'record.file.{kind}_folder')}-{slug(cohort.name)}-{today}"
    return f"{t('record.file.data')}-{slug(cohort.name)}-{today}.{kind}"


def export_records(
    ws: Workspace,
    cohort: Cohort,
    trainees: Sequence[Trainee],
    kind: RecordFormat,
    folder: Path,
    out: Path | None = None,
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the records of ``trainees`` and return the file (or folder) written.

    Everything is made in memory first: a refusal (no organisation set, an erased trainee)
    writes nothing. Each file is written atomically; if the disk refuses one of a cohort's
    files, those already written by this call are removed.
    """
    if not trainees:
        raise RuleViolation("no_trainee", "trainee", "no trainee in this cohort")
    if kind not in FORMATS:
        raise RuleViolation("unknown_format", "format", "unknown format {format}", format=kind)
    one_file = len(trainees) == 1 or kind in ("csv", "json")
    if not one_file and out is not None and out.suffix.lower() in (".pdf", ".jwt", ".zip"):
        # A cohort's PDFs and badges are one file per trainee: ``out`` names their folder.
        raise RuleViolation("folder_expected", "output", "{path} names a file", path=str(out))
    files = _files(ws, cohort, trainees, kind, progress)
    target = (
        out
        if out is not None
        else folder / default_name(cohort, trainees, kind, ws.today().isoformat())
    )
    if one_file:
        return paperwork.write_document(target, files[0][1])
    created = not target.exists()
    written: list[Path] = []
    try:
        for name, content in files:
            written.append(paperwork.write_document(target / name, content))
    except RuleViolation:
        for path in written:
            path.unlink(missing_ok=True)
        if created and target.is_dir() and not any(target.iterdir()):
            target.rmdir()
        raise
    return target


def check_record_file(ws: Workspace, data: bytes) -> RecordCheck:
    """Verify a record file (PDF, CSV, JSON) against the keys this laptop trusts.

    Raises :class:`~trainer_tui.exports.record_signing.RecordError` when the file is not a
    signed trainer-tui record, or is too damaged to read as one.
    """
    return check_record(data, keys.trusted_keys(ws))
