"""The team compliance report as a printable PDF (fpdf2's table): A4 landscape, a header row repeated on
every page, in the reader's language."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF
from fpdf.fonts import FontFace

from modules import i18n
from modules.certificates.pdf import INK, TEAL, latin1, unicode_font
from modules.learning.assignments import STATUS_LABELS
from modules.measurement.compliance import Holding


def compliance_pdf(holdings: list[Holding], scope: str, today: date, lang: str) -> bytes:
    """`scope` names the teams covered ("Riverside store", "All your teams")."""
    _ = i18n.translator(lang)
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(_("Team compliance — {scope}").format(scope=scope))
    pdf.set_author("Service Academy")
    pdf.set_lang(lang)
    family, unicode = unicode_font(pdf)

    def text(value: str) -> str:
        return value if unicode else latin1(value)

    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.set_text_color(*TEAL)
    pdf.cell(0, 10, text(_("Team compliance — {scope}").format(scope=scope)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.set_text_color(*INK)
    pdf.cell(
        0,
        7,
        text(_("Certificates of the modules assigned, as of {date}.").format(date=i18n.day(today, lang))),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    if not holdings:
        pdf.cell(0, 8, text(_("No module is assigned to these teams.")))
        return bytes(pdf.output())
    headings = [_("Person"), _("Team"), _("Module"), _("Passed on"), _("Valid until"), _("Status")]
    with pdf.table(
        col_widths=(50, 40, 80, 32, 32, 33),
        headings_style=FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=TEAL),
        line_height=6,
        text_align="LEFT",
        repeat_headings=1,
    ) as table:
        table.row([text(h) for h in headings])
        for h in holdings:
            table.row(
                [
                    text(h.person),
                    text(h.team),
                    text(h.module),
                    i18n.day(h.passed_on, lang) if h.passed_on else "—",
                    text(
                        i18n.day(h.valid_until, lang) if h.valid_until else (_("no end date") if h.passed_on else "—")
                    ),
                    text(_(STATUS_LABELS[h.status])),
                ]
            )
    return bytes(pdf.output())
