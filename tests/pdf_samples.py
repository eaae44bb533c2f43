"""Sample documents for the PDF renderer tests, rendered once each, and their text read back.

An organisation, a programme and sixteen trainees with accented, long and non-Latin names;
half-day and week sheets, a summary, driving logs and certificates built from them; each kind
rendered once per language and process (fonts are slow), and read back with pypdfium2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

import pypdfium2 as pdfium

from trainer_tui.domain.text import Language
from trainer_tui.exports.attendance_pdf import (
    render_attendance_summary,
    render_half_day_sheets,
    render_week_sheet,
)
from trainer_tui.exports.certificate_pdf import render_certificates
from trainer_tui.exports.documents import (
    AttendanceSummary,
    Certificate,
    DrivingLine,
    DrivingLog,
    HalfDaySheet,
    Organisation,
    Programme,
    SheetLine,
    SheetStatus,
    SummaryLine,
    WeekLine,
    WeekSheet,
    WeekSlot,
)
from trainer_tui.exports.driving_pdf import render_driving_logs
from trainer_tui.i18n import set_language

ORGANISATION = Organisation(
    name="Fibre Formation Occitanie",
    campus="Campus de Montpellier",
    address="12 rue de l’Œuvre, 34000 Montpellier",
    declaration_number="76 34 01234 34",
)
PROGRAMME = Programme(
    title="Technicien·ne d’intervention fibre optique FTTH",
    cohort="MTP-2026-B",
    start=dt.date(2026, 9, 7),
    end=dt.date(2027, 1, 29),
    target_minutes=400 * 60,
)
NAMES = (
    "Nguyễn Thị Lan",
    "Chloé Lefèvre",
    "Zoë Dubœuf",
    "Jean-Baptiste de La Rochefoucauld-Montmorency",
    "Aïcha Benali",
    "Mathéo Garçon",
    "Inès Moreau",
    "Léo Petit",
    "Fatoumata Diallo",
    "Noé Fournier",
    "Élodie Girard",
    "Yanis Haddad",
    "Maëlys Roux",
    "Hugo Lambert",
    "Sofía Martínez",
    "Kévin N’Diaye",
)
CODES = tuple(f"MTP-{n:03d}" for n in range(1, 17))
STATUSES: tuple[SheetStatus, ...] = ("present", "late", "excused", "absent", None)
MONDAY = dt.date(2026, 11, 23)
MORNING = (dt.time(8, 30), dt.time(12, 0))
AFTERNOON = (dt.time(13, 0), dt.time(16, 30))


def half_day_sheet(day: dt.date = dt.date(2026, 11, 26), count: int = 16) -> HalfDaySheet:
    lines = tuple(
        SheetLine(
            name=NAMES[i % 16],
            code=CODES[i % 16],
            status=STATUSES[i % 5],
            late_minutes=15 if STATUSES[i % 5] == "late" else 0,
            left_early_minutes=30 if i == 5 else 0,
        )
        for i in range(count)
    )
    return HalfDaySheet(
        organisation=ORGANISATION,
        programme=PROGRAMME,
        date=day,
        half_day="morning",
        start=MORNING[0],
        end=MORNING[1],
        subject="Soudure par fusion, mesure réflectométrique (OTDR) ; raccordement en PBO",
        trainer="Stéphane Müller",
        lines=lines,
    )


def week_sheet() -> WeekSheet:
    slots = tuple(
        WeekSlot(
            date=MONDAY + dt.timedelta(days=i // 2),
            half_day="morning" if i % 2 == 0 else "afternoon",
            start=(MORNING if i % 2 == 0 else AFTERNOON)[0],
            end=(MORNING if i % 2 == 0 else AFTERNOON)[1],
            subject=f"Atelier {i + 1} : tirage de câble, soudure, recette optique et photomètre",
            trainer="Stéphane Müller" if i % 3 else "Amélie Bœuf",
        )
        for i in range(10)
    )
    lines = tuple(
        WeekLine(NAMES[i], CODES[i], tuple(STATUSES[(i + j) % 5] for j in range(10)))
        for i in range(16)
    )
    return WeekSheet(ORGANISATION, PROGRAMME, MONDAY, slots, lines)


def summary() -> AttendanceSummary:
    lines = tuple(
        SummaryLine(
            name=NAMES[i],
            code=CODES[i],
            scheduled_minutes=21_000,
            attended_minutes=21_000 - 90 * i,
            excused_minutes=60 * i,
            absent_minutes=30 * i,
            late_count=i % 4,
            left_on=dt.date(2026, 11, 13) if i == 7 else None,
        )
        for i in range(16)
    )
    return AttendanceSummary(ORGANISATION, PROGRAMME, dt.date(2026, 11, 27), lines)


def driving_log(trainee: str, code: str, lessons: int) -> DrivingLog:
    return DrivingLog(
        organisation=ORGANISATION,
        programme=PROGRAMME,
        trainee=trainee,
        code=code,
        lessons=tuple(
            DrivingLine(
                date=dt.date(2026, 10, 1) + dt.timedelta(days=3 * i),
                start=dt.time(14, 0),
                minutes=90 if i % 2 else 60,
                instructor="Karim Boudjema",
                driving_school="Auto-école du Lez",
                gearbox="manual" if i % 3 else "automatic",
                competencies=(
                    "C1 Maîtriser le maniement du véhicule dans un trafic faible ou nul",
                    "C2 Appréhender la route et circuler dans des conditions normales",
                )[: 1 + i % 2],
                comment=(
                    "Bonne progression ; revoir les insertions sur voie rapide et le "
                    "contrôle des angles morts avant chaque changement de direction. " * (i % 3)
                ).strip(),
            )
            for i in range(lessons)
        ),
        target_minutes=21 * 60,
        as_of=dt.date(2026, 11, 27),
    )


def certificate(employer: str = "Interim Plus Montpellier") -> Certificate:
    return Certificate(
        organisation=ORGANISATION,
        programme=PROGRAMME,
        trainee="Nguyễn Thị Lan",
        employer=employer,
        nature="Action de formation",
        first_day=dt.date(2026, 9, 7),
        last_day=dt.date(2027, 1, 29),
        attended_minutes=23_850,
        place="Montpellier",
        signed_on=dt.date(2027, 2, 1),
        signatory="Marie-Hélène Côté",
    )


def pages_text(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(data)
    return [document[i].get_size() for i in range(len(document))]


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces, so wrapped phrases can be searched."""
    return " ".join(text.replace("\xa0", " ").split())


SESSION_DAYS = (dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 12, 1))
RENDERERS: dict[str, Callable[[], bytes]] = {
    "half_day": lambda: render_half_day_sheets([half_day_sheet()]),
    # Three sessions, the second one of 30 trainees: it runs onto a second page.
    "sessions": lambda: render_half_day_sheets(
        [half_day_sheet(day, count=30 if i == 1 else 16) for i, day in enumerate(SESSION_DAYS)]
    ),
    "week": lambda: render_week_sheet(week_sheet()),
    "summary": lambda: render_attendance_summary(summary()),
    "driving": lambda: render_driving_logs(
        [driving_log(NAMES[0], CODES[0], 14), driving_log(NAMES[1], CODES[1], 3)]
    ),
    "certificates": lambda: render_certificates([certificate(), certificate("")]),
}


@cache
def rendered(kind: str, language: Language = "fr") -> bytes:
    """Each document is rendered once per language for the whole process: fonts are slow."""
    set_language(language)
    try:
        return RENDERERS[kind]()
    finally:
        set_language("fr")
