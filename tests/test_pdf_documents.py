"""The PDF renderers: what each document prints, on how many pages, in which language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

import pypdfium2 as pdfium
import pytest

from trainer_tui.domain.text import Language
from trainer_tui.exports.attendance_pdf import (
    render_attendance_summary,
    render_half_day_sheets,
    render_week_sheet,
    status_text,
)
from trainer_tui.exports.certificate_pdf import nature_of, render_certificates
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
from trainer_tui.exports.pdf_text import hours_number, long_date
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
    """Each document is rendered once per language for the whole module: fonts are slow."""
    set_language(language)
    try:
        return RENDERERS[kind]()
    finally:
        set_language("fr")


def test_half_day_sheet_of_16_fits_one_portrait_page() -> None:
    data = rendered("half_day")
    [text] = pages_text(data)
    [(width, height)] = page_sizes(data)
    assert width < height
    for name, code in zip(NAMES, CODES, strict=True):
        assert name in flat(text)
        assert code in text
    for expected in (
        "Feuille d'émargement",
        "Fibre Formation Occitanie",
        "Campus de Montpellier",
        "N° de déclaration d'activité : 76 34 01234 34",
        PROGRAMME.title,
        "MTP-2026-B",
        "jeudi 26 novembre 2026",
        "Matin",
        "8 h 30 – 12 h 00",
        "Soudure par fusion",
        "Stéphane Müller",
        "Signature du formateur",
        "Signature du stagiaire",
        "retard 15 min",
        "parti·e 30 min avant la fin",
        "Édité le 26/11/2026",
        "Page 1 / 1",
    ):
        assert expected in flat(text), expected


def test_one_page_per_session_and_long_sheets_continue() -> None:
    texts = pages_text(rendered("sessions"))
    assert len(texts) == 4
    assert "lundi 23 novembre 2026" in texts[0]
    assert all("mardi 24 novembre 2026" in text for text in texts[1:3])
    assert "Signature du formateur" not in texts[1]
    assert "Signature du formateur" in texts[2]
    assert "mardi 1er décembre 2026" in texts[3]
    assert "Page 4 / 4" in texts[3]


def test_status_is_blank_before_the_session() -> None:
    assert status_text(SheetLine("A", "B")) == ""
    assert status_text(SheetLine("A", "B", "late")) == "retard"
    left_early = status_text(SheetLine("A", "B", "present", left_early_minutes=20))
    assert flat(left_early) == "présent·e ; parti·e 20 min avant la fin"


def test_week_sheet_16_by_10_fits_one_landscape_page() -> None:
    data = rendered("week")
    [text] = pages_text(data)
    [(width, height)] = page_sizes(data)
    assert width > height
    for name, code in zip(NAMES, CODES, strict=True):
        assert name in flat(text)
        assert code in text
    for expected in (
        "Semaine du lundi 23 novembre 2026",
        "ven. 27/11",
        "Après-midi",
        "13 h 00 – 16 h 30",
        "absent·e",
        "excusé·e",
        "Signature du formateur",
        "Atelier 10",
        "Amélie Bœuf",
    ):
        assert expected in flat(text), expected
    assert "présent·e" not in text


def test_summary_shows_hours_rates_totals_and_target() -> None:
    [text] = pages_text(rendered("summary"))
    for expected in (
        "Bilan d'assiduité",
        "Situation au 27/11/2026",
        "Objectif de la formation : 400 h",
        "Nguyễn Thị Lan",
        "350 h",
        "327,5 h",
        "93,6 %",
        "a quitté la formation le 13/11/2026",
        "Total (16 stagiaires)",
        "5600 h",
        "5420 h",
    ):
        assert expected in flat(text), expected


def test_driving_logs_one_trainee_per_page_with_totals() -> None:
    texts = pages_text(rendered("driving"))
    assert len(texts) >= 2
    whole = flat(" ".join(texts))
    assert "Nguyễn Thị Lan — code MTP-001" in texts[0]
    assert "Chloé Lefèvre — code MTP-002" in texts[-1]
    assert "Chloé Lefèvre" not in " ".join(texts[:-1])
    for expected in (
        "Karim Boudjema",
        "Auto-école du Lez",
        "manuelle",
        "automatique",
        "C1 Maîtriser le maniement",
        "1 h 30",
        "Heures effectuées : 17 h 30 sur un objectif de 21 h 00",
        "Reste à effectuer : 3 h 30",
        "Heures effectuées : 3 h 30",
        "pas le livret d'apprentissage numérique officiel",
    ):
        assert expected in whole, expected


def test_certificate_follows_the_ministry_template() -> None:
    texts = pages_text(rendered("certificates"))
    assert len(texts) == 2
    body = flat(texts[0])
    for expected in (
        "Certificat de réalisation",
        "Je soussigné(e) Marie-Hélène Côté, représentant légal du dispensateur de l'action "
        "concourant au développement des compétences Fibre Formation Occitanie",
        "atteste que :",
        "Nguyễn Thị Lan",
        "salarié(e) de l'entreprise Interim Plus Montpellier",
        f"a suivi l'action {PROGRAMME.title}",
        "action de formation",
        "bilan de compétences",
        "qui s'est déroulée du 07/09/2026 au 29/01/2027",
        "pour une durée de 397,5 heures.",
        "Fait à Montpellier, le 01/02/2027",
        "Cachet et signature du responsable du dispensateur de formation",
        "N° de déclaration d'activité : 76 34 01234 34",
    ):
        assert expected in body, expected
    # Without an employer, the template's "salarié(e) de l'entreprise" line is left out.
    assert "salarié(e)" not in texts[1]
    assert "Nguyễn Thị Lan" in texts[1]


def test_nature_is_recognised_in_either_language() -> None:
    assert nature_of("Action de formation") == "training"
    assert nature_of("skills assessment") == "skills_assessment"
    assert nature_of("autre chose") is None


def test_english_on_request() -> None:
    sheet = flat(pages_text(rendered("half_day", "en"))[0])
    for expected in (
        "Attendance sheet",
        "Thursday 26 November 2026",
        "Morning, 08:30 – 12:00",
        "Trainer's signature",
        "Trainee's signature",
        "late 15 min",
        "left 30 min before the end",
        "Training provider registration no.: 76 34 01234 34",
        "Issued on 26/11/2026",
    ):
        assert expected in sheet, expected
    assert "Feuille" not in sheet
    assert "Signature du" not in sheet
    week = flat(pages_text(rendered("week", "en"))[0])
    assert "Weekly attendance sheet" in week
    assert "Fri 27/11" in week
    assert "excused" in week
    cert = flat(pages_text(rendered("certificates", "en"))[0])
    assert "Certificate of completion" in cert
    assert "for a duration of 397.5 hours." in cert
    assert "Stamp and signature of the head of the training provider" in cert


# Two documents suffice: every renderer draws through the same DocumentPDF, and these two
# cover both orientations, fixed and growing rows, and a table running onto a second page.
@pytest.mark.parametrize("kind", ["week", "driving"])
def test_same_data_gives_the_same_bytes(kind: str) -> None:
    first = rendered(kind)
    assert first.startswith(b"%PDF")
    assert RENDERERS[kind]() == first


def test_hours_and_long_dates_in_words() -> None:
    assert hours_number(750) == "12,5"
    assert hours_number(740) == "12,33"
    assert hours_number(720) == "12"
    assert long_date(dt.date(2026, 11, 26)) == "jeudi 26 novembre 2026"
    set_language("en")
    assert hours_number(750) == "12.5"
    assert long_date(dt.date(2026, 12, 1)) == "Tuesday 1 December 2026"


def test_nothing_to_render_is_an_error() -> None:
    with pytest.raises(ValueError):
        render_half_day_sheets([])
    with pytest.raises(ValueError):
        render_driving_logs([])
    with pytest.raises(ValueError):
        render_certificates([])
