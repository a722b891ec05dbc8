"""Purchasing reads for pages and exports. The workspace schema is already active, so nothing here
crosses tenants; every list comes with what its page shows already joined (no N+1)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DecimalField,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth

from batches.selectors import planned_need_by_item
from inventory.models import CustomUnit, Item
from purchasing.models import Document, PurchaseReceipt, ReceiptLine, Supplier
from purchasing.reorder import in_purchase_unit, quantity_to_order
from reports.exports.table import day_bounds

RECEIPT_PAGE_SIZE = 50
_QUANTITY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=6)
ZERO = Decimal("0")


def supplier_list(*, search: str = "", archived: bool = False) -> QuerySet[Supplier]:
    """Suppliers by name with `receipt_count` and `last_received_at` annotated."""
    queryset = Supplier.objects.filter(is_archived=archived)
    search = " ".join((search or "").split())
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(contact_name__icontains=search))
    return queryset.annotate(
        receipt_count=Count("receipts"), last_received_at=Max("receipts__received_at")
    ).order_by("name", "id")


def active_suppliers() -> list[Supplier]:
    """What new receipts and items may choose from."""
    return list(Supplier.objects.filter(is_archived=False).order_by("name", "id"))


def supplier_choices(*, keep: int | None = None) -> list[tuple[int, str]]:
    """(id, name) of the active suppliers, and of supplier `keep` even if archived (an item's
    current one), for a form's choices."""
    rows = Supplier.objects.filter(Q(is_archived=False) | Q(pk=keep or 0))
    return list(rows.order_by("name", "id").values_list("pk", "name"))


def supplier(pk: int) -> Supplier:
    """Raises Supplier.DoesNotExist."""
    return Supplier.objects.get(pk=pk)


def items_usually_from(supplier: Supplier) -> QuerySet[Item]:
    return Item.objects.filter(usual_supplier=supplier, is_archived=False).order_by("name", "id")


def receipt_page(*, supplier: Supplier | None = None, page: int | str = 1) -> Page:
    """Receipts, newest first, with their supplier and line count; one page of them."""
    queryset = PurchaseReceipt.objects.select_related("supplier").annotate(
        line_count=Count("lines")
    )
    if supplier is not None:
        queryset = queryset.filter(supplier=supplier)
    return Paginator(queryset.order_by("-received_at", "-id"), RECEIPT_PAGE_SIZE).get_page(page)


def receipt(pk: int) -> PurchaseReceipt:
    """A receipt with its supplier and lines (items and lots); raises DoesNotExist."""
    lines = ReceiptLine.objects.select_related("item", "lot").order_by("position")
    return (
        PurchaseReceipt.objects.select_related("supplier")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .get(pk=pk)
    )


def receipt_of_lot(lot_id: int) -> PurchaseReceipt | None:
    line = ReceiptLine.objects.select_related("receipt").filter(lot_id=lot_id).first()
    return line.receipt if line else None


def documents_of(*, kind: str, pk: int) -> QuerySet[Document]:
    """A supplier's, an item's or a lot's documents (`kind` a purchasing.services.SUBJECTS key)."""
    return Document.objects.filter(**{f"{kind}_id": pk}).order_by("-uploaded_at", "-id")


def document(pk: int) -> Document:
    """Raises Document.DoesNotExist."""
    return Document.objects.get(pk=pk)


# --- Purchases by supplier and period ------------------------------------------------------------

_AMOUNTS = ("goods_total", "shipping", "tax", "fees", "total")


@dataclass
class PurchaseRow:
    """Receipts of one supplier (and month, in `by_month`): how many and what they cost."""

    supplier_id: int
    supplier_name: str
    month: date | None = None
    receipts: int = 0
    goods_total: Decimal = ZERO
    shipping: Decimal = ZERO
    tax: Decimal = ZERO
    fees: Decimal = ZERO
    total: Decimal = ZERO

    @property
    def extras(self) -> Decimal:
        return self.shipping + self.tax + self.fees

    def add(self, other: PurchaseRow) -> None:
        self.receipts += other.receipts
        for name in _AMOUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class PurchasesReport:
    by_month: list[PurchaseRow]  # supplier by supplier, month by month
    by_supplier: list[PurchaseRow] = field(default_factory=list)
    totals: PurchaseRow = field(default_factory=lambda: PurchaseRow(0, "All suppliers"))


def purchases_by_supplier(*, start: date, end: date, zone: ZoneInfo) -> PurchasesReport:
    """What was bought from each supplier between `start` and `end` (days in `zone`, both
    included), per month and in total: exactly the receipts' cents. One query."""
    since, until = day_bounds(start, end, zone)
    rows = (
        PurchaseReceipt.objects.filter(received_at__gte=since, received_at__lt=until)
        .annotate(month=TruncMonth("received_at", tzinfo=zone))
        .values("supplier_id", "supplier__name", "month")
        .annotate(receipts=Count("id"), **{name: Sum(name) for name in _AMOUNTS})
        .order_by("supplier__name", "supplier_id", "month")
    )
    report = PurchasesReport(by_month=[])
    for row in rows:
        found = PurchaseRow(
            row["supplier_id"],
            row["supplier__name"],
            row["month"].date() if row["month"] else None,
            row["receipts"],
            *(row[name] for name in _AMOUNTS),
        )
        report.by_month.append(found)
        if not report.by_supplier or report.by_supplier[-1].supplier_id != found.supplier_id:
            report.by_supplier.append(PurchaseRow(found.supplier_id, found.supplier_name))
        report.by_supplier[-1].add(found)
        report.totals.add(found)
    return report


# --- Reorder help --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReorderLine:
    item: Item
    free: Decimal  # on hand minus held for orders, stock unit
    threshold: Decimal
    planned: Decimal  # what planned batches will take, stock unit
    to_order: Decimal  # stock unit
    buy: Decimal  # in `buy_unit`: the purchase unit (whole units, rounded up) or the stock unit
    buy_unit: str


@dataclass
class ReorderGroup:
    supplier: Supplier | None  # None: items with no usual supplier
    lines: list[ReorderLine] = field(default_factory=list)


def shopping_list() -> list[ReorderGroup]:
    """Every active tracked item that needs buying (purchasing.reorder's rule, asked of each item with
    a threshold or a planned need), grouped by its usual supplier (by name; items without one last),
    items by name. Two queries (three with custom purchase units)."""
    planned = planned_need_by_item().filter(item_id=OuterRef("pk")).values("need")
    candidates = (
        Item.objects.filter(is_archived=False, is_tracked=True)
        .annotate(
            planned=Coalesce(Subquery(planned, output_field=_QUANTITY), Value(ZERO)),
        )
        .filter(Q(low_stock_threshold__gt=0) | Q(planned__gt=0))
        .select_related("usual_supplier")
        .order_by(F("usual_supplier__name").asc(nulls_last=True), "usual_supplier_id", "name")
    )
    items = list(candidates)
    custom = _custom_units(item.purchase_unit for item in items)
    groups: list[ReorderGroup] = []
    for item in items:
        free = item.on_hand - item.reserved
        to_order = quantity_to_order(
            threshold=item.low_stock_threshold,
            free=free,
            planned=item.planned,
        )
        if not to_order:
            continue
        buy, buy_unit = in_purchase_unit(
            to_order,
            stock_unit=item.stock_unit,
            purchase_unit=item.purchase_unit,
            density=item.density_g_per_ml,
            custom_units=custom,
        )
        if not groups or groups[-1].supplier != item.usual_supplier:
            groups.append(ReorderGroup(item.usual_supplier))
        groups[-1].lines.append(
            ReorderLine(
                item,
                free,
                item.low_stock_threshold,
                item.planned,
                to_order,
                buy,
                buy_unit,
            )
        )
    return groups


def _custom_units(names: Iterable[str]):
    from inventory import units

    if all(not name or units.is_standard_unit(name) for name in names):
        return []
    return [unit.as_definition() for unit in CustomUnit.objects.all()]
