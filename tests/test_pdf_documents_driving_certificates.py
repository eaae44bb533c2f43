"""The driving-log and certificate PDFs: one trainee per page, totals, the ministry's template."""

from __future__ import annotations

from tests.pdf_samples import PROGRAMME, flat, pages_text, rendered
from trainer_tui.exports.certificate_pdf import nature_of


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
