"""Inventory exports: items with their open lots and valuation, and the ledger for a date range."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Prefetch

from inventory.models import Item, Lot, Movement
from reports.exports.table import Table, day_bounds, product, quotient

CHUNK = 500

ITEM_HEADERS = [
    "Item",
    "Kind",
    "Category",
    "Stock unit",
    "Tracked",
    "Density (g/ml)",
    "Shelf life (days)",
    "Low-stock threshold",
    "Item on hand",
    "Item reserved",
    "Item average unit cost",
    "Item stock value",
    "Lot",
    "Lot source",
    "Received at",
    "Expires at",
    "Curing until",
    "Supplier",
    "Supplier lot code",
    "Lot received",
    "Lot remaining",
    "Lot unit cost",
    "Lot value",
]


def _open_lots() -> Prefetch:
    return Prefetch(
        "lots",
        queryset=Lot.objects.filter(quantity_remaining__gt=0).order_by("received_at", "id"),
        to_attr="open_lots",
    )


def items_table() -> Table:
    """One row per open lot of every active item (FIFO order), and one row with empty lot columns
    for an item without stock. The item's columns repeat on each of its lots; "Item stock value" is
    the item's value by the workspace's costing method. Under FIFO the "Lot value"s sum to it; under
    average costing lots show what they were bought at and the item's value is the moving average."""
    items = Item.objects.filter(is_archived=False)
    open_lots = Lot.objects.filter(item__is_archived=False, quantity_remaining__gt=0)
    with_stock = open_lots.values("item_id").distinct().count()
    total = items.count() + open_lots.count() - with_stock
    queryset = items.order_by("name", "id").prefetch_related(_open_lots())
    return Table("Items", ITEM_HEADERS, _item_rows(queryset), total)


def _item_rows(queryset) -> Iterator[list]:
    for item in queryset.iterator(chunk_size=CHUNK):
        lots = item.open_lots
        value, on_hand = item.stock_value, item.on_hand
        head = [
            item.name,
            item.get_kind_display(),
            item.category,
            item.stock_unit,
            item.is_tracked,
            item.density_g_per_ml,
            item.shelf_life_days,
            item.low_stock_threshold,
            item.on_hand,
            item.reserved,
            quotient(value, on_hand),
            value,
        ]
        if not lots:
            yield head + [None] * 11
        for lot in lots:
            yield head + [
                lot.code,
                lot.get_source_display(),
                lot.received_at,
                lot.expires_at,
                lot.hold_until,
                lot.supplier,
                lot.supplier_lot_code,
                lot.quantity_received,
                lot.quantity_remaining,
                lot.unit_cost,
                product(lot.quantity_remaining, lot.unit_cost),
            ]


LEDGER_HEADERS = [
    "Movement",
    "Date",
    "Item",
    "Stock unit",
    "Kind",
    "Quantity",
    "Unit cost",
    "Value",
    "Lot",
    "Affects stock",
    "Reference",
    "By",
    "Note",
]


def ledger_table(*, start: date, end: date, zone: ZoneInfo) -> Table:
    """Every ledger movement recorded from `start` to `end` (whole days in `zone`), oldest first.
    Quantity is signed (negative when stock left); Value = quantity x unit cost."""
    since, until = day_bounds(start, end, zone)
    movements = Movement.objects.filter(created_at__gte=since, created_at__lt=until)
    actors = _emails(movements.exclude(actor_id=None).values_list("actor_id", flat=True).distinct())
    rows = movements.select_related("item", "lot").order_by("created_at", "id")
    return Table("Ledger", LEDGER_HEADERS, _ledger_rows(rows, actors), movements.count())


def _emails(user_ids) -> dict[int, str]:
    from tenants.models import User

    return dict(User.objects.filter(pk__in=list(user_ids)).values_list("pk", "email"))


def _ledger_rows(queryset, actors: dict[int, str]) -> Iterator[list]:
    for movement in queryset.iterator(chunk_size=CHUNK):
        reference = (
            f"{movement.reference_type} {movement.reference_id}" if movement.reference_type else ""
        )
        yield [
            movement.pk,
            movement.created_at,
            movement.item.name,
            movement.item.stock_unit,
            movement.get_kind_display(),
            movement.quantity,
            movement.unit_cost,
            movement.value,
            movement.lot.code if movement.lot else None,
            movement.affects_stock,
            reference,
            actors.get(movement.actor_id, "") if movement.actor_id else "",
            movement.note,
        ]
