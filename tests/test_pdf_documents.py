"""The PDF renderers: what each document prints, on how many pages, in which language.

This module covers the attendance documents (half-day and week sheets, the summary), English,
the same bytes for the same data, and the shared text helpers; driving logs and certificates
are in tests/test_pdf_documents_driving_certificates.py, the sample data in tests/pdf_samples.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.pdf_samples import (
    CODES,
    NAMES,
    PROGRAMME,
    RENDERERS,
    flat,
    page_sizes,
    pages_text,
    rendered,
)
from trainer_tui.exports.attendance_pdf import render_half_day_sheets, status_text
from trainer_tui.exports.certificate_pdf import render_certificates
from trainer_tui.exports.documents import SheetLine
from trainer_tui.exports.driving_pdf import render_driving_logs
from trainer_tui.exports.pdf_text import hours_number, long_date
from trainer_tui.i18n import set_language


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
