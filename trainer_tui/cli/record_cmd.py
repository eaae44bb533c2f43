"""``export record``: skill records for employers; and ``verify`` of a record file.

``export record (--trainee CODE | --cohort NAME) --format pdf|csv|json|badge [-o PATH]``
writes into the documents folder unless ``-o`` says where. ``verify FILE`` hands record
files (PDF, CSV, JSON) to :func:`verify_record`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_command, out
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.exports.record_signing import RecordCheck, RecordError
from trainer_tui.i18n import format_date, t
from trainer_tui.services import preferences
from trainer_tui.services.skill_records import (
    FORMATS,
    RecordFormat,
    check_record_file,
    export_records,
    record_trainees,
)
from trainer_tui.services.workspace import Workspace

#: Exit code of ``verify`` when the file cannot be trusted (as for codes and badges).
EXIT_NOT_AUTHENTIC = 1


def add_export(actions: Any) -> None:
    """Add ``export record`` to the ``export`` command's actions."""
    parser = add_command(actions, "record", "cli.export.record")
    parser.add_argument("--trainee", metavar="CODE", help=t("cli.record.trainee"))
    parser.add_argument("--cohort", metavar="NAME", help=t("cli.record.cohort"))
    parser.add_argument("--format", choices=FORMATS, default="pdf", help=t("cli.record.format"))
    parser.add_argument("-o", "--out", metavar="PATH", help=t("cli.record.out"))
    parser.set_defaults(handler=run_export_record)


def run_export_record(args: argparse.Namespace) -> int:
    """Write one trainee's record, or each of a cohort's, and say where."""
    if bool(args.trainee) == bool(args.cohort):
        raise RuleViolation("trainee_or_cohort", "trainee", "give --trainee or --cohort")
    kind: RecordFormat = args.format
    with open_workspace(args) as ws:
        if args.trainee:
            cohort, trainee = ws.find_trainee(args.trainee)
            trainees = [trainee]
        else:
            cohort = ws.cohort(args.cohort)
            trainees = record_trainees(ws, cohort)
        folder = preferences.documents_folder(ws)
        target = Path(args.out).expanduser() if args.out else None
        path = export_records(ws, cohort, trainees, kind, folder, target)
        if path.is_dir():
            out(t("cli.record.written_folder", count=len(trainees), path=path))
        else:
            out(t("cli.export.written", path=path))
    return 0


def describe_check(check: RecordCheck) -> list[str]:
    """The verdict first, then what the file is about."""
    date = format_date(check.issued_on) if check.issued_on else "?"
    if check.authentic and check.signer is not None:
        head = t("cli.verify.authentic", signer=check.signer.label, date=date)
    else:
        head = t(f"cli.verify.{check.problem or 'bad_signature'}")
    shown = ", ".join(f"{code} ({name})" if name else code for code, name in check.trainees[:4])
    if len(check.trainees) > 4:
        shown += ", …"
    about = t(
        "cli.verify.record.about",
        kind=t(f"cli.verify.record.{check.kind}"),
        cohort=check.cohort or "?",
        count=len(check.trainees),
        trainees=shown,
    )
    return [head, about]


def verify_record(ws: Workspace, data: bytes) -> int:
    """Check a record file; print the verdict; 0 only when authentic."""
    try:
        check = check_record_file(ws, data)
    except RecordError as error:
        out(t(f"cli.verify.record.{error.reason}"))
        return EXIT_NOT_AUTHENTIC
    for line in describe_check(check):
        out(line)
    return 0 if check.authentic else EXIT_NOT_AUTHENTIC
