"""The certificate as a one-page PDF (fpdf2): landscape A4, centred text, a thin frame."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from fpdf import FPDF

from modules.certificates import CertificateFacts, lines

# A Unicode font when the system has one (Debian's fonts-dejavu-core); else the PDF core font, which only
# knows Latin-1, so other characters are replaced rather than failing the download. For what DejaVu lacks,
# fallbacks when present: Chinese, Japanese and Korean (fonts-wqy-microhei), emoji and symbols
# (fonts-symbola), so a name in any script prints instead of a blank.
FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
FALLBACKS = {
    "MicroHei": Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    "Symbola": Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
}
STYLES = {  # size and weight of each kind of line, and the space after it (mm)
    "brand": (14, "B", 14),
    "title": (30, "B", 16),
    "body": (15, "", 6),
    "name": (26, "B", 8),
    "module": (20, "B", 8),
    "code": (11, "", 0),
    "link": (9, "", 0),
}
QR_SIZE = 30  # mm: a phone's camera reads it from arm's length
ONE_LINE = {"name", "module"}  # shrunk to fit one line: a long name must never run onto the code below
MIN_SIZE = 10
TEAL, INK = (0, 110, 110), (30, 30, 30)


def unicode_font(pdf: FPDF) -> tuple[str, bool]:
    regular, bold = FONT_FOLDER / "DejaVuSans.ttf", FONT_FOLDER / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        present = [name for name, path in FALLBACKS.items() if path.is_file()]
        for name in present:
            pdf.add_font(name, "", str(FALLBACKS[name]))
            pdf.add_font(name, "B", str(FALLBACKS[name]))  # no bold cut: the regular one stands in
        pdf.set_fallback_fonts(present, exact_match=False)
        return "DejaVu", True
    return "Helvetica", False


def latin1(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ").encode("latin-1", "replace").decode("latin-1")


def _fitting(pdf: FPDF, text: str, size: float) -> float:
    """The largest size up to `size` at which `text` fits the line (a little margin kept), not below MIN_SIZE."""
    width = pdf.get_string_width(text)
    room = pdf.epw - 20
    return size if width <= room else max(MIN_SIZE, size * room / width)


def certificate_pdf(facts: CertificateFacts, lang: str, link: str | None = None) -> bytes:
    """The PDF a learner downloads from My progress; with `link` (the public verification page for its code),
    the address is printed under the code and as a QR code in the corner."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"Service Academy — {facts.module_title}")
    pdf.set_author("Service Academy")
    pdf.set_lang(lang)
    family, unicode = unicode_font(pdf)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(*TEAL)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(34)
    for style, text in lines(facts, lang, link):
        points, weight, after = STYLES[style]
        size = float(points)
        text = text if unicode else latin1(text)
        pdf.set_font(family, weight, size)
        if style in ONE_LINE:
            size = _fitting(pdf, text, size)
            pdf.set_font(family, weight, size)
        pdf.set_text_color(*(TEAL if style in ("brand", "title") else INK))
        if style == "code":
            pdf.set_y(pdf.h - 32)
        if style == "link":
            pdf.set_y(pdf.h - 25)
        pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)
    if link:
        _qr(pdf, link)
    return bytes(pdf.output())


def _qr(pdf: FPDF, link: str) -> None:
    """The verification link as a QR code in the frame's bottom-right corner."""
    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=8, border=2)
    image.seek(0)
    pdf.image(image, x=pdf.w - 16 - QR_SIZE, y=pdf.h - 16 - QR_SIZE, w=QR_SIZE, h=QR_SIZE, alt_text=link)
