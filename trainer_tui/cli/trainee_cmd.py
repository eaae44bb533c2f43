"""``trainer-tui trainee add|edit|withdraw|list``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, fail, out
from trainer_tui.i18n import t
from trainer_tui.services import enrolment, erasure, roster
from trainer_tui.services.paperwork import write_document
from trainer_tui.services.parsing import parse_date
from trainer_tui.services.records import values_of
from trainer_tui.services.roster_messages import describe_error, describe_problems
from trainer_tui.services.trainee_data import trainee_data_json


def register(commands: Any) -> None:
    """Add the ``trainee`` command and its actions."""
    parser = add_command(commands, "trainee", "cli.trainee.help")
    actions = add_actions(parser)
    add = add_command(actions, "add", "cli.trainee.add")
    add.add_argument("--cohort", required=True, help=t("cli.arg.cohort"))
    add.add_argument("--first", required=True, help=t("cli.arg.first"))
    add.add_argument("--last", required=True, help=t("cli.arg.last"))
    add.add_argument("--code", help=t("cli.arg.code"))
    add.add_argument("--email", help=t("cli.arg.email"))
    add.add_argument("--phone", help=t("cli.arg.phone"))
    add.set_defaults(handler=run_add)

    edit = add_command(actions, "edit", "cli.trainee.edit")
    edit.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    edit.add_argument("--first", help=t("cli.arg.first"))
    edit.add_argument("--last", help=t("cli.arg.last"))
    edit.add_argument("--code", dest="new_code", help=t("cli.arg.code"))
    edit.add_argument("--email", help=t("cli.arg.email"))
    edit.add_argument("--phone", help=t("cli.arg.phone"))
    edit.set_defaults(handler=run_edit)

    withdraw = add_command(actions, "withdraw", "cli.trainee.withdraw")
    withdraw.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    withdraw.add_argument("--date", required=True, help=t("cli.arg.date"))
    withdraw.add_argument("--reason", required=True, help=t("cli.arg.reason"))
    withdraw.set_defaults(handler=run_withdraw)

    roster_import = add_command(actions, "import", "cli.trainee.import")
    roster_import.add_argument("file", metavar="FILE.csv", help=t("cli.arg.roster_file"))
    roster_import.add_argument("--cohort", required=True, help=t("cli.arg.cohort"))
    roster_import.add_argument("--dry-run", action="store_true", help=t("cli.arg.dry_run"))
    roster_import.set_defaults(handler=run_import)

    export = add_command(actions, "export-data", "cli.trainee.export_data")
    export.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    export.add_argument("-o", "--out", metavar="FILE", help=t("cli.trainee.export_out"))
    export.set_defaults(handler=run_export_data)
    erase = add_command(actions, "erase", "erasure.cli_help")
    erase.add_argument("trainee", metavar="CODE", help=t("cli.arg.trainee"))
    erase.add_argument("--yes", action="store_true", help=t("erasure.cli_yes"))
    erase.set_defaults(handler=run_erase)
    listing = add_command(actions, "list", "cli.trainee.list")
    listing.add_argument("--cohort", help=t("cli.arg.cohort"))
    listing.add_argument("--json", action="store_true", help=t("cli.arg.json"))
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace) -> int:
    """Enrol a trainee and print the code to use on sheets and QR codes."""
    with open_workspace(args) as ws:
        trainee = enrolment.enrol_trainee(
            ws,
            ws.cohort(args.cohort),
            first_name=args.first,
            last_name=args.last,
            code=args.code,
            email=args.email,
            phone=args.phone,
        )
        out(t("cli.trainee.added", name=trainee.full_name, code=trainee.code))
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Change profile fields given on the command line."""
    given = {
        "first_name": args.first,
        "last_name": args.last,
        "code": args.new_code,
        "email": args.email,
        "phone": args.phone,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        updated = enrolment.edit_trainee(ws, cohort, trainee, **changes)
        out(t("cli.trainee.edited", name=updated.full_name, code=updated.code))
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    """Record an early departure."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        enrolment.withdraw_trainee(
            ws, cohort, trainee, on=parse_date(args.date), reason=args.reason
        )
        out(t("cli.trainee.withdrawn", name=trainee.full_name))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Enrol a whole roster from a CSV file: every row, or none if one is bad."""
    with open_workspace(args) as ws:
        cohort = ws.cohort(args.cohort)
        try:
            preview = roster.preview_roster(ws, cohort, Path(args.file))
        except roster.RosterError as error:
            return fail(describe_error(error), 1)
        if preview.problems:
            # The bad rows are the report (stdout); the refusal is the one error line.
            for line in describe_problems(preview):
                out(line)
            return fail(t("cli.trainee.import_refused", count=len(preview.problems)), 1)
        if args.dry_run:
            out(t("cli.trainee.import_ready", count=len(preview.rows)))
            return 0
        enrolled = roster.import_roster(ws, cohort, preview)
        for trainee in enrolled:
            out(f"{trainee.code:<8} {trainee.last_name.upper()} {trainee.first_name}")
        out(t("cli.trainee.imported", count=len(enrolled), cohort=cohort.name))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List trainees of one cohort or of all."""
    with open_workspace(args) as ws:
        cohorts = [ws.cohort(args.cohort)] if args.cohort else ws.cohorts()
        rows = [(c, tr) for c in cohorts for tr in ws.cohort_records(c).trainees]
        if args.json:
            out(
                json.dumps(
                    [values_of(tr) | {"id": tr.id} for _, tr in rows],
                    ensure_ascii=False,
                    indent=2,
                    sort_keys=True,
                )
            )
            return 0
        for cohort, trainee in rows:
            out(
                f"{trainee.code:<8} {trainee.last_name.upper()} {trainee.first_name}"
                f"  ({cohort.name}, {t('status.' + trainee.status.value)})"
            )
    return 0


def run_export_data(args: argparse.Namespace) -> int:
    """Everything stored about one trainee, as JSON on stdout or in a file."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        text = trainee_data_json(ws, cohort, trainee)
        if args.out:
            path = write_document(Path(args.out), (text + "\n").encode("utf-8"))
            out(t("cli.export.written", path=path))
        else:
            out(text)
    return 0


def run_erase(args: argparse.Namespace) -> int:
    """Erase a trainee's identity (GDPR art. 17) once confirmed with ``--yes``."""
    with open_workspace(args) as ws:
        cohort, trainee = ws.find_trainee(args.trainee)
        if trainee.erased_on is not None:
            return fail(t("validation.already_erased", trainee=trainee.code), 1)
        if not args.yes:
            out(t("erasure.what", name=trainee.full_name, code=trainee.code, cohort=cohort.name))
            return fail(t("erasure.confirm_cli", code=trainee.code), 1)
        outcome = erasure.erase_trainee(ws, cohort, trainee)
        out(t("erasure.done", code=outcome.anonymous_code, files=outcome.files_rewritten))
        for key in erasure.RESIDUE:
            out(t(key))
    return 0
