"""What every BatchTrack PDF shares (fpdf2, pure Python): text reduced to Latin-1, money in
the workspace's currency (batchtrack.money), section headings, a document with its title and workspace.

fpdf2's built-in Helvetica covers Latin-1 only and no font file can be relied on to exist on the
server, so text is reduced to Latin-1: typographic quotes and dashes become their plain forms and
anything else outside Latin-1 becomes "?". Codes and amounts are ASCII already.
"""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF

from batchtrack.money import format_money, format_unit_money

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def latin1(text: object) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def money_text(value: Decimal | None) -> str:
    """An amount as the pages show it, in the workspace's currency: 1234.5 -> "$1,234.50" (a symbol
    outside Latin-1 as its code: "EUR 1,234.50")."""
    return "no cost" if value is None else format_money(value, latin1=True)


def unit_money_text(value: Decimal | None) -> str:
    """A cost per unit as the pages show it ("$0.0123"), reduced to Latin-1 like `money_text`."""
    return "no cost" if value is None else format_unit_money(value, latin1=True)


def heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)


def new_document(*, title: str, workspace_name: str) -> FPDF:
    """An A4 document with its first page, the title as a heading and the workspace under it."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(workspace_name))
    pdf.set_creator("BatchTrack")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, latin1(workspace_name), new_x="LMARGIN", new_y="NEXT")
    return pdf
