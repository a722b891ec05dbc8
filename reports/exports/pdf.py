"""A batch record as PDF (fpdf2, pure Python): the same facts as the printable record page. Its
layout helpers (Latin-1 text, money, headings) are reports.exports.pdf_layout's."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from fpdf.fonts import FontFace

from batches.selectors import batch_record
from inventory.display import format_amount
from reports.exports.pdf_layout import heading as _heading
from reports.exports.pdf_layout import latin1, new_document
from reports.exports.pdf_layout import money_text as _money
from reports.exports.pdf_layout import unit_money_text as _unit_money


def _qty(value: Decimal | None) -> str:
    return "-" if value is None else format_amount(value)


def _when(value: datetime | None, zone: ZoneInfo) -> str:
    return "-" if value is None else value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def batch_record_pdf(*, batch_id: int, workspace_name: str, zone: ZoneInfo) -> tuple[bytes, int]:
    """The PDF bytes of a batch's record and how many lines it lists. Raises Batch.DoesNotExist."""
    batch = batch_record(batch_id)
    pdf = new_document(title=f"Batch record {batch.display_code}", workspace_name=workspace_name)
    pdf.cell(
        0,
        6,
        latin1(
            f"{batch.recipe_name}, recipe version {batch.version_number} - "
            f"{batch.get_status_display()}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)

    label = batch.yield_label
    facts = [
        ("Scale", f"x {_qty(batch.scale)}"),
        ("Planned yield", f"{_qty(batch.planned_yield)} {label}"),
        ("Actual yield", f"{_qty(batch.actual_yield)} {label}" if batch.actual_yield else "-"),
        ("Planned", _when(batch.planned_at, zone)),
        ("Started", _when(batch.started_at, zone)),
        (
            "Ended",
            _when(batch.ended_at, zone) + (f" ({batch.end_reason})" if batch.end_reason else ""),
        ),
        ("Cost of what it used", _money(batch.consumed_cost)),
    ]
    if batch.actual_yield:
        facts.append((f"Cost per {label}", _unit_money(batch.cost_per_yield_unit)))
    if batch.status == batch.Status.FAILED:
        facts.append(("Value lost", _money(batch.loss_value)))
    with pdf.table(col_widths=(50, 130), first_row_as_headings=False, text_align="LEFT") as table:
        for name, value in facts:
            row = table.row()
            row.cell(latin1(name))
            row.cell(latin1(value))

    lines = list(batch.lines.all())
    _heading(pdf, "Lines and the lots they used")
    with pdf.table(
        col_widths=(8, 42, 30, 62, 20, 22),
        headings_style=FontFace(emphasis="BOLD"),
        text_align=("LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT", "LEFT"),
    ) as table:
        table.row(["#", "Item", "Planned", "Taken from", "Cost", "Status"])
        for line in lines:
            taken = "; ".join(
                f"{draw.lot.code if draw.lot else 'untracked'}"
                f"{' ' + draw.lot.supplier_lot_code if draw.lot and draw.lot.supplier_lot_code else ''}"
                f": {_qty(draw.quantity)} {line.item.stock_unit} at {_unit_money(draw.unit_cost)}"
                for draw in line.draws.all()
            )
            spent = line.status in ("consumed", "returned")
            table.row(
                [
                    str(line.position),
                    latin1(line.item.name + (" (extra)" if line.is_extra else "")),
                    latin1(f"{_qty(line.quantity)} {line.unit}"),
                    latin1(taken or "-"),
                    _money(line.cost) if spent else "",
                    latin1(line.get_status_display()),
                ]
            )

    outputs = list(batch.outputs.all())
    if outputs:
        _heading(pdf, "Outputs")
        with pdf.table(col_widths=(60, 20, 35, 30, 35), text_align="LEFT") as table:
            table.row(["Item", "Lot", "Quantity", "Unit cost", "Expires"])
            for output in outputs:
                table.row(
                    [
                        latin1(output.item.name),
                        output.lot.code,
                        latin1(f"{_qty(output.quantity)} {output.item.stock_unit}"),
                        _unit_money(output.unit_cost),
                        _when(output.lot.expires_at, zone),
                    ]
                )

    _heading(pdf, "Notes")
    pdf.set_font("Helvetica", "", 10)
    notes = list(batch.notes.all())
    for note in notes:
        pdf.multi_cell(
            0, 5, latin1(f"{_when(note.created_at, zone)}  {note.text}"), new_x="LMARGIN"
        )
    if not notes:
        pdf.cell(0, 5, "-", new_x="LMARGIN", new_y="NEXT")
    if batch.instructions:
        _heading(pdf, "Instructions")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, latin1(batch.instructions), new_x="LMARGIN")
    return bytes(pdf.output()), len(lines)
