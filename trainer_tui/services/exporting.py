"""Make a document and write it: what the CLI's ``export`` and the TUI's export actions call.

Each function gathers the data (:mod:`trainer_tui.services.paperwork`), has it drawn by its
renderer (:mod:`trainer_tui.exports`) and writes the file atomically. File names default to
the document, the cohort and the date, in the current language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.rules import check_not_erased
from trainer_tui.exports.attendance_pdf import (
    render_attendance_summary,
    render_half_day_sheets,
    render_week_sheet,
)
from trainer_tui.exports.certificate_pdf import render_certificates
from trainer_tui.exports.driving_pdf import render_driving_logs
from trainer_tui.exports.payroll_csv import render_payroll_csv
from trainer_tui.exports.progress_sheet_pdf import render_progress_sheets
from trainer_tui.i18n import t
from trainer_tui.services import paperwork
from trainer_tui.services.progress_sheets import progress_sheet
from trainer_tui.services.workspace import Workspace


def slug(text: str) -> str:
    """``Promo octobre 2026`` -> ``promo-octobre-2026``: safe in any file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "cohorte"


def file_name(kind: str, cohort: Cohort, suffix: str, extension: str) -> str:
    """The default name of a document (``emargement-promo-octobre-2026-2026-11-26.pdf``)."""
    parts = [t(f"export.file.{kind}"), slug(cohort.name)]
    if suffix:
        parts.append(suffix)
    return "-".join(parts) + f".{extension}"


def _target(folder: Path, out: Path | None, name: str) -> Path:
    return out if out is not None else folder / name


def export_day_sheets(
    ws: Workspace, cohort: Cohort, day: dt.date, folder: Path, out: Path | None = None
) -> Path:
    """The attendance sheets of ``day``'s sessions, one page per half-day."""
    sheets = paperwork.half_day_sheets(ws, cohort, paperwork.sessions_on(ws, cohort, day))
    path = _target(folder, out, file_name("sheet", cohort, day.isoformat(), "pdf"))
    return paperwork.write_document(path, render_half_day_sheets(sheets))


def export_week_sheet(
    ws: Workspace, cohort: Cohort, day: dt.date, folder: Path, out: Path | None = None
) -> Path:
    """The weekly attendance sheet of the week containing ``day``."""
    sheet = paperwork.week_sheet(ws, cohort, day)
    year, week, _ = sheet.monday.isocalendar()
    path = _target(folder, out, file_name("week", cohort, f"{year}-S{week:02d}", "pdf"))
    return paperwork.write_document(path, render_week_sheet(sheet))


def export_attendance_summary(
    ws: Workspace, cohort: Cohort, folder: Path, out: Path | None = None
) -> Path:
    """The cohort's attendance so far, one line per trainee."""
    summary = paperwork.attendance_summary(ws, cohort)
    path = _target(folder, out, file_name("summary", cohort, summary.as_of.isoformat(), "pdf"))
    return paperwork.write_document(path, render_attendance_summary(summary))


def export_payroll(ws: Workspace, cohort: Cohort, folder: Path, out: Path | None = None) -> Path:
    """Hours per trainee per week as CSV for the temp agency (French Excel dialect)."""
    lines = paperwork.payroll_lines(ws, cohort)
    path = _target(folder, out, file_name("payroll", cohort, ws.today().isoformat(), "csv"))
    return paperwork.write_document(path, render_payroll_csv(lines))


#: Documents made for one trainee, or each of a cohort's, in one PDF.
TraineeDocument = Literal["progress", "driving", "certificate"]


def export_trainee_documents(
    ws: Workspace,
    cohort: Cohort,
    kind: TraineeDocument,
    trainees: Sequence[Trainee],
    folder: Path,
    out: Path | None = None,
    *,
    first_name: bool = False,
) -> Path:
    """Each trainee's progress sheet, driving log or certificat, one after the other in a PDF.

    ``first_name`` puts the first name in the progress sheets' codes. An erased trainee gets
    none (GDPR art. 17): asked for alone, it is refused; in a cohort, left out.
    """
    if len(trainees) == 1:
        check_not_erased(trainees[0])
    trainees = [trainee for trainee in trainees if trainee.erased_on is None]
    if not trainees:
        raise RuleViolation("no_trainee", "trainee", "no trainee in this cohort")
    if kind == "progress":
        sheets = [progress_sheet(ws, cohort, p, first_name=first_name) for p in trainees]
        content = render_progress_sheets(sheets)
    elif kind == "driving":
        logs = [paperwork.driving_log(ws, cohort, trainee) for trainee in trainees]
        content = render_driving_logs(logs)
    else:
        certificates = [paperwork.certificate(ws, cohort, trainee) for trainee in trainees]
        content = render_certificates(certificates)
    path = _target(folder, out, file_name(kind, cohort, _who(trainees), "pdf"))
    return paperwork.write_document(path, content)


def _who(trainees: Sequence[Trainee]) -> str:
    """The file name's suffix: the trainee's code when there is only one."""
    return trainees[0].code if len(trainees) == 1 else ""
