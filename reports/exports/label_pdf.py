"""A label sheet as PDF (fpdf2): A4, two labels across, each with the product, net quantity, batch
code, best-before date, the ingredient list and, when the workspace publishes batch records, a QR
code to the public record. Written in DejaVu Sans (settings.LABEL_FONT_DIR), a Unicode font, so
"é", "µ", "≤" and "–" print as themselves, never as "?"."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF

from batches.label_data import BatchLabel

LABEL_W, LABEL_H = 95.0, 68.0
ACROSS, DOWN = 2, 4
MARGIN = 10.0
MAX_LABELS = 80


class LabelFontMissing(RuntimeError):
    """The label font isn't installed where LABEL_FONT_DIR says."""


def _fonts(pdf: FPDF) -> None:
    folder = Path(settings.LABEL_FONT_DIR)
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        raise LabelFontMissing(
            f"Labels need the DejaVu Sans font in {folder} (Debian package fonts-dejavu-core); "
            "install it or set LABEL_FONT_DIR."
        )
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))


def label_sheet_pdf(
    *, label: BatchLabel, count: int, net_quantity: str, qr_url: str | None, best_before: str
) -> bytes:
    """`count` copies of `label` (1 to MAX_LABELS) on A4 sheets."""
    pdf = FPDF(format="A4")
    _fonts(pdf)
    pdf.set_title(f"Labels {label.code}")
    pdf.set_creator("BatchTrack")
    pdf.set_auto_page_break(auto=False)
    qr_png = None
    if qr_url:
        buffer = io.BytesIO()
        segno.make(qr_url, error="m").save(buffer, kind="png", scale=4, border=1)
        qr_png = buffer.getvalue()
    per_page = ACROSS * DOWN
    for number in range(max(1, min(count, MAX_LABELS))):
        if number % per_page == 0:
            pdf.add_page()
        slot = number % per_page
        x = MARGIN + (slot % ACROSS) * LABEL_W
        y = MARGIN + (slot // ACROSS) * LABEL_H
        _one(pdf, label, x, y, net_quantity, best_before, qr_png)
    return bytes(pdf.output())


def _one(pdf: FPDF, label: BatchLabel, x, y, net_quantity, best_before, qr_png) -> None:
    pdf.set_draw_color(180, 180, 180)
    pdf.rect(x, y, LABEL_W - 2, LABEL_H - 2)
    text_w = LABEL_W - 6 - (22 if qr_png else 0)
    pdf.set_xy(x + 2, y + 2)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(text_w, 5, label.product, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    facts = [f"Net {net_quantity}" if net_quantity else "", f"Batch {label.code}"]
    if best_before:
        facts.append(f"Best before {best_before}")
    pdf.set_x(x + 2)
    pdf.multi_cell(text_w, 4, " · ".join(f for f in facts if f), new_x="LMARGIN", new_y="NEXT")
    if qr_png:
        pdf.image(io.BytesIO(qr_png), x=x + LABEL_W - 24, y=y + 2, w=20, h=20)
    if label.ingredients:
        pdf.set_xy(x + 2, max(pdf.get_y() + 1, y + 24 if qr_png else 0))
        pdf.set_font("DejaVu", "", 6.5)
        pdf.multi_cell(LABEL_W - 6, 3, f"Ingredients: {label.ingredients.text}.", new_x="LMARGIN")
