"""The export catalogue, declared once: what each export is, its formats, the form that asks for its
inputs, the permission it needs on top of `reports.export` (and, for a money report, the report the
plan must include: reports.access), and how its file is built."""

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
    # A money report (a key of billing.tiers.REPORT_FEATURES or EVERY_PLAN_REPORTS): the plan must
    # include it, as for its page.
    report: str | None = None
    # Builds the PDF (bytes, rows) from the job's params, time zone and the workspace's name.
    pdf: Callable[[dict, ZoneInfo, str], tuple[bytes, int]] | None = None

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


def _batch_record_pdf(params: dict, zone: ZoneInfo, workspace: str) -> tuple[bytes, int]:
    from reports.exports.pdf import batch_record_pdf

    return batch_record_pdf(batch_id=int(params["batch_id"]), workspace_name=workspace, zone=zone)


def _days(params: dict) -> dict[str, date]:
    return {"start": date.fromisoformat(params["start"]), "end": date.fromisoformat(params["end"])}


def _sales_profit(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.money_tables import sales_profit_table

    return sales_profit_table(**_days(params))


def _sales_profit_pdf(params: dict, zone: ZoneInfo, workspace: str) -> tuple[bytes, int]:
    from reports.exports.money_pdf import sales_profit_pdf

    return sales_profit_pdf(**_days(params), workspace_name=workspace)


def _cost_of_goods(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.money_tables import cost_of_goods_table

    return cost_of_goods_table(**_days(params))


def _valuation(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.money_tables import valuation_table

    return valuation_table(on=date.fromisoformat(params["on"]))


def _year_end(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.money_tables import year_end_table

    return year_end_table(year=int(params["year"]))


def _year_end_pdf(params: dict, zone: ZoneInfo, workspace: str) -> tuple[bytes, int]:
    from reports.exports.money_pdf import year_end_pdf

    return year_end_pdf(year=int(params["year"]), workspace_name=workspace)


def _purchases(params: dict, zone: ZoneInfo) -> Table:
    from reports.exports.money_tables import purchases_table

    return purchases_table(**_days(params))


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
            pdf=_batch_record_pdf,
        ),
        ExportKind(
            "sales_profit",
            "Sales and profit",
            "Revenue, cost of goods, fees and gross profit by month, product and SKU (the code of "
            "one thing you sell), with the total.",
            forms.SalesExportForm,
            permission="reports.money",
            table=_sales_profit,
            report="sales_profit",
            pdf=_sales_profit_pdf,
        ),
        ExportKind(
            "cost_of_goods",
            "Cost of goods sold",
            "What the stock sold in a period cost, lot by lot (each delivery or batch it came "
            "from), net of returns, with the total.",
            forms.DateRangeExportForm,
            permission="reports.money",
            table=_cost_of_goods,
            report="cost_of_goods",
        ),
        ExportKind(
            "valuation",
            "Stock value on a date",
            "Every item's stock and its value at the end of a day, from the stock ledger.",
            forms.AsOfExportForm,
            permission="reports.money",
            table=_valuation,
            report="valuation",
        ),
        ExportKind(
            "year_end",
            "Year-end summary (Schedule C, Part III)",
            "Inventory at the start and end of a year, purchases, supplies and cost of goods sold.",
            forms.YearExportForm,
            permission="reports.money",
            table=_year_end,
            report="year_end",
            pdf=_year_end_pdf,
        ),
        ExportKind(
            "purchases",
            "Purchases by supplier",
            "What each supplier's deliveries cost month by month: goods, shipping, tax and fees.",
            forms.DateRangeExportForm,
            permission="reports.money",
            table=_purchases,
            report="purchases",
        ),
    )
}
