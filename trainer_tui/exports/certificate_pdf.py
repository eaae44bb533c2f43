"""Certificat de réalisation, following the French Ministry of Labour's template.

The template's wording is kept: the legal representative of the training provider certifies
that the trainee followed the action, its nature (one of four boxes ticked), its dates and
the hours attended, undertakes to keep the supporting documents, and signs and stamps.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer_tui.domain.text import LANGUAGES
from trainer_tui.exports.documents import Certificate
from trainer_tui.exports.pdf_layout import GREY, DocumentPDF
from trainer_tui.exports.pdf_text import hours_number
from trainer_tui.i18n import format_date, messages, t

#: The four natures of action of the template (art. L6313-1 of the Code du travail).
NATURES = ("training", "skills_assessment", "vae", "apprenticeship")


def nature_of(text: str) -> str | None:
    """Which of :data:`NATURES` ``text`` names, in any language, else ``None``."""
    wanted = text.strip().casefold()
    for nature in NATURES:
        key = f"doc.certificate.natures.{nature}"
        if any(messages(language)[key].casefold() == wanted for language in LANGUAGES):
            return nature
    return None


def _checkbox(pdf: DocumentPDF, x: float, label: str, ticked: bool) -> None:
    """A box (crossed when ``ticked``) and its label, on the current line."""
    y = pdf.get_y()
    size = 3.2
    pdf.set_line_width(0.25)
    pdf.rect(x, y + 0.6, size, size)
    if ticked:
        pdf.line(x, y + 0.6, x + size, y + 0.6 + size)
        pdf.line(x, y + 0.6 + size, x + size, y + 0.6)
    pdf.set_xy(x + size + 2.5, y)
    pdf.write_text(pdf.epw - (x - pdf.l_margin) - size - 2.5, label, 10, bold=ticked)
    pdf.set_y(pdf.get_y() + 0.8)


def _certificate(pdf: DocumentPDF, certificate: Certificate) -> None:
    """Draw one certificate on a new page."""
    pdf.start_page(
        organisation=certificate.organisation,
        programme=certificate.programme,
        issued_on=certificate.signed_on,
        title=t("doc.certificate.title"),
    )
    left, width = pdf.l_margin, pdf.epw

    def paragraph(text: str, *, gap: float = 2.5, size: float = 10.5, bold: bool = False) -> None:
        pdf.set_xy(left, pdf.get_y() + gap)
        pdf.write_text(width, text, size, bold=bold, align="J")

    paragraph(
        t(
            "doc.certificate.intro",
            signatory=certificate.signatory,
            organisation=certificate.organisation.name,
        ),
        gap=6,
    )
    paragraph(t("doc.certificate.attests"), gap=4)
    paragraph(certificate.trainee, gap=3, size=13, bold=True)
    if certificate.employer:
        paragraph(t("doc.certificate.employee", employer=certificate.employer))
    paragraph(t("doc.certificate.followed", programme=certificate.programme.title), gap=3)
    paragraph(t("doc.certificate.nature"), gap=5)
    pdf.set_y(pdf.get_y() + 1.5)
    chosen = nature_of(certificate.nature)
    for nature in NATURES:
        _checkbox(pdf, left + 6, t(f"doc.certificate.natures.{nature}"), nature == chosen)
    if chosen is None and certificate.nature:
        _checkbox(pdf, left + 6, certificate.nature, True)
    period = t(
        "doc.certificate.period",
        first_day=format_date(certificate.first_day),
        last_day=format_date(certificate.last_day),
    )
    paragraph(period, gap=4)
    hours = hours_number(certificate.attended_minutes)
    paragraph(t("doc.certificate.duration", hours=hours), gap=1)
    pdf.set_xy(left, pdf.get_y() + 7)
    pdf.write_text(width, t("doc.certificate.retention"), 8, align="J", color=GREY)
    done = t(
        "doc.certificate.done", place=certificate.place, date=format_date(certificate.signed_on)
    )
    paragraph(done, gap=8)
    box_width = 100.0
    label = t("doc.certificate.stamp")
    y = pdf.get_y() + 5
    pdf.signature_box(left + width - box_width, y, box_width, 42, label, certificate.signatory)


def render_certificates(certificates: Sequence[Certificate]) -> bytes:
    """One certificat de réalisation per page, all in one PDF."""
    if not certificates:
        raise ValueError("no certificate to render")
    first = certificates[0]
    pdf = DocumentPDF(
        first.organisation,
        first.programme,
        issued_on=max(certificate.signed_on for certificate in certificates),
        title=t("doc.certificate.title"),
    )
    for certificate in certificates:
        _certificate(pdf, certificate)
    return pdf.pdf_bytes()
