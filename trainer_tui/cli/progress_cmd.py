"""``sheets`` (progress sheets with QR codes), ``viewer build`` and ``verify``.

``verify`` checks a progress code or link, a badge file, or a record file (PDF, CSV, JSON).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.cli.record_cmd import EXIT_NOT_AUTHENTIC, verify_record
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort
from trainer_tui.exports.badge import BadgeError
from trainer_tui.exports.progress_code import PayloadError
from trainer_tui.exports.record_signing import record_kind
from trainer_tui.i18n import decimal, format_date, get_language, t
from trainer_tui.services.badges import check_badge
from trainer_tui.services.exporting import export_trainee_documents
from trainer_tui.services.keys import trusted_keys
from trainer_tui.services.progress_codes import CheckedCode, check_code, skill_order
from trainer_tui.services.viewer_page import write_viewer
from trainer_tui.services.workspace import Workspace

#: Arguments named like these are files, even when missing (a clear "cannot read" then).
FILE_SUFFIXES = (".pdf", ".csv", ".json", ".jwt", ".txt")


def register(commands: Any) -> None:
    """Add the ``sheets`` and ``verify`` commands."""
    sheets = add_command(commands, "sheets", "cli.sheets.help")
    sheets.add_argument("--cohort", help=t("cli.sheets.cohort"))
    sheets.add_argument("--trainee", metavar="CODE", help=t("cli.export.trainee"))
    sheets.add_argument("--first-name", action="store_true", help=t("cli.sheets.first_name"))
    sheets.add_argument("-o", "--out", metavar="FILE", help=t("cli.export.out"))
    sheets.set_defaults(handler=run_sheets)
    viewer = add_command(commands, "viewer", "cli.viewer.help")
    viewer_actions = add_actions(viewer)
    build = add_command(viewer_actions, "build", "cli.viewer.build")
    build.add_argument("folder", metavar="DIR", help=t("cli.viewer.folder"))
    build.set_defaults(handler=run_viewer_build)
    verify = add_command(commands, "verify", "cli.verify.help")
    verify.add_argument("code", metavar="PAYLOAD_OR_URL", help=t("cli.verify.code"))
    verify.set_defaults(handler=run_verify)


def run_sheets(args: argparse.Namespace) -> int:
    """Write the progress sheets and say where."""
    with open_workspace(args) as ws:
        if args.trainee:
            cohort, trainee = ws.find_trainee(args.trainee)
            trainees = [trainee]
        else:
            cohort = ws.cohort(args.cohort) if args.cohort else _latest(ws)
            trainees = list(ws.cohort_records(cohort).trainees)
        path = export_trainee_documents(
            ws,
            cohort,
            "progress",
            trainees,
            Path.cwd(),
            Path(args.out) if args.out else None,
            first_name=args.first_name,
        )
        out(t("cli.export.written", path=path))
    return 0


def run_viewer_build(args: argparse.Namespace) -> int:
    """Write the viewer page and say where, and what to do with it."""
    with open_workspace(args) as ws:
        path = write_viewer(ws, Path(args.folder))
        out(t("cli.export.written", path=path))
        out(t("cli.viewer.next", keys=len(trusted_keys(ws))))
    return 0


def _latest(ws: Workspace) -> Cohort:
    cohorts = ws.cohorts()
    if not cohorts:
        raise RuleViolation("no_cohort", "cohort", "no cohort yet")
    return cohorts[0]


def _given(given: str) -> str | bytes:
    """The argument itself (a code, a link), or the bytes of the file it names."""
    path = Path(given)
    try:
        is_file = len(given) < 1024 and (path.exists() or path.suffix.lower() in FILE_SUFFIXES)
    except OSError:  # a name too long for a file: a code or a link, then
        is_file = False
    if is_file:
        try:
            return path.read_bytes()
        except OSError as error:
            raise RuleViolation(
                "unreadable_file",
                "file",
                "cannot read {path}: {reason}",
                reason=error.strerror or str(error),
                path=str(path),
            ) from None
    return given.strip()


def run_verify(args: argparse.Namespace) -> int:
    """Print what the code, badge or record says and whether it is authentic; else exit 1."""
    given = _given(args.code)
    with open_workspace(args) as ws:
        if isinstance(given, bytes):
            if record_kind(given) is not None:
                return verify_record(ws, given)
            try:
                text = given.decode("utf-8-sig").strip()
            except UnicodeDecodeError:
                out(t("cli.verify.record.not_record"))
                return EXIT_NOT_AUTHENTIC
        else:
            text = given
        if text.count(".") == 2 and " " not in text and "#" not in text:
            return _verify_badge(ws, text)
        try:
            checked = check_code(ws, text)
        except PayloadError as error:
            reason = t(f"cli.verify.code_{error.kind}")
            raise RuleViolation("unreadable_code", "code", "{reason}", reason=reason) from None
        for line in describe(checked):
            out(line)
        return 0 if checked.verdict.authentic else EXIT_NOT_AUTHENTIC


def _verify_badge(ws: Workspace, token: str) -> int:
    """A signed Open Badges credential (VC-JWT): verdict, then what it says."""
    try:
        verdict = check_badge(ws, token)
    except BadgeError as error:
        out(t("cli.verify.badge_forged", reason=t(f"cli.verify.badge_{error.kind}")))
        return EXIT_NOT_AUTHENTIC
    credential = verdict.credential
    issued = str(credential.get("validFrom", ""))[:10]
    with contextlib.suppress(ValueError):
        issued = format_date(dt.date.fromisoformat(issued))
    if verdict.signer is not None:
        out(t("cli.verify.authentic", signer=verdict.signer.label, date=issued))
    else:
        out(t("cli.verify.unknown_key"))
    subject = credential.get("credentialSubject")
    results = subject.get("result") if isinstance(subject, dict) else None
    out(
        t(
            "cli.verify.badge",
            name=str(credential.get("name", "")),
            results=len(results) if isinstance(results, list) else 0,
        )
    )
    return 0 if verdict.signer is not None else EXIT_NOT_AUTHENTIC


def describe(checked: CheckedCode) -> list[str]:
    """The verdict first, then the trainee, hours and levels."""
    verdict, payload = checked.verdict, checked.verdict.payload
    if verdict.signer is not None:
        head = t(
            "cli.verify.authentic", signer=verdict.signer.label, date=format_date(payload.issued_on)
        )
    else:
        head = t(f"cli.verify.{verdict.problem}")
    who = f"{payload.code} ({payload.first_name})" if payload.first_name else payload.code
    lines = [
        head,
        t(
            "cli.verify.trainee",
            who=who,
            date=format_date(payload.issued_on),
            training=decimal(payload.training_minutes / 60, 1),
            driving=decimal(payload.driving_minutes / 60, 1),
        ),
    ]
    catalogue = checked.catalogue
    if catalogue is None:
        lines.append(t("cli.verify.unknown_catalogue"))
        return lines
    language = get_language()
    levels = dict(zip(skill_order(catalogue), payload.levels, strict=True))
    for block in catalogue.blocks:
        skills = block.active_skills
        proficient = sum(catalogue.scale.is_proficient(levels[s.id]) for s in skills)
        lines.append(f"{block.id} {block.title.get(language)} : {proficient}/{len(skills)}")
        for skill in skills:
            level = levels[skill.id]
            if level in catalogue.scale.values and level != catalogue.scale.not_assessed:
                lines.append(f"    {skill.id} {catalogue.scale.label(level, language)}")
            elif level not in catalogue.scale.values:
                # Only an altered code carries a level off the scale (3 bits hold up to 7):
                # the verdict above already says not to trust it; shown as the viewer does.
                lines.append(f"    {skill.id} {t('cli.verify.unknown_level', level=level)}")
    return lines
