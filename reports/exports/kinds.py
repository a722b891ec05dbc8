"""The export catalogue, declared once: what each export is, its formats, the form that asks for its
inputs, the permission it needs on top of `reports.export`, and how its file is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from reports import forms
from reports.exports.table import Table


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    description: str
    form_class: type[forms.ExportForm]
    # Needed as well as reports.export (e.g. traceability.view, itself a tier feature).
    permission: str | None = None
    # Builds the table from the job's params and time zone (None for the PDF record).
    table: Callable[[dict, ZoneInfo], Table] | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return self.form_class.formats


def _items(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.inventory_tables import items_table

    return items_table()


def _ledger(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.inventory_tables import ledger_table

    return ledger_table(
        start=date.fromisoformat(params["start"]), end=date.fromisoformat(params["end"]), zone=zone
    )


def _batches(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.production_tables import batches_table

    return batches_table(
        start=date.fromisoformat(params["start"]), end=date.fromisoformat(params["end"]), zone=zone
    )


def _recall(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.production_tables import recall_table

    return recall_table(lot_id=int(params["lot_id"]))


KINDS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind(
            "items",
            "Items with lots and valuation",
            "Every active item with its open lots: quantities, costs, dates, suppliers and value.",
            forms.ItemsExportForm,
            permission="inventory.view",
            table=_items,
        ),
        ExportKind(
            "ledger",
            "Stock ledger",
            "Every stock movement in a period: what changed, by how much, at what cost, and who.",
            forms.DateRangeExportForm,
            permission="inventory.view",
            table=_ledger,
        ),
        ExportKind(
            "batches",
            "Batches with consumption and costs",
            "Batches started (or planned) in a period, each line and the lots it drew from.",
            forms.DateRangeExportForm,
            permission="batches.view",
            table=_batches,
        ),
        ExportKind(
            "recall",
            "Recall report",
            "For one lot: every batch that used it and every lot they made, with what remains.",
            forms.RecallExportForm,
            permission="traceability.view",
            table=_recall,
        ),
        ExportKind(
            "batch_record",
            "Batch record (PDF)",
            "One batch's printable record: lines, the lots they used, costs, outputs and notes.",
            forms.BatchRecordForm,
            permission="batches.view",
        ),
    )
}
