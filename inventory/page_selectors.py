"""Reads the inventory pages need beyond `inventory.selectors`: ledger rows with their actors' emails,
lot status, the receive preview and the densities list. Nothing here writes.

Actors are public-schema users (a workspace schema has no user table of its own); a ledger page looks
all of its actors up in one query, never one per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from inventory import selectors, units
from inventory.errors import InvalidAmount, InvalidCost
from inventory.models import Item, Lot, Movement
from inventory.units import CustomUnitDef

ITEM_PAGE_SIZE = 50
DENSITY_PAGE_SIZE = 50

# How ledger references read on a page: ("batch", 42) -> "Batch #42", linked to the batch.
_REFERENCE_LABELS = {"batch": "Batch", "sku_deduction": "Sale"}
_REFERENCE_URLS = {"batch": "/batches/{id}/"}


@dataclass(frozen=True)
class LedgerRow:
    movement: Movement
    actor_email: str | None
    reference_label: str
    reference_url: str | None


def actor_emails(user_ids: Iterable[int | None]) -> dict[int, str]:
    """Email of each given public-schema user id, in one query (none when there are no ids)."""
    from tenants.models import User

    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "email"))


def reference_label(reference_type: str, reference_id: int | None) -> tuple[str, str | None]:
    """("Batch #42", "/batches/42/") for a ledger or lot reference; ("", None) without one."""
    if not reference_type:
        return "", None
    label = _REFERENCE_LABELS.get(reference_type, reference_type.replace("_", " ").capitalize())
    if reference_id is None:
        return label, None
    url = _REFERENCE_URLS.get(reference_type)
    return f"{label} #{reference_id}", url.format(id=reference_id) if url else None


def ledger_rows(*, item: Item | int, page: int | str | None = 1) -> tuple[Page, list[LedgerRow]]:
    """One page of the item's ledger (newest first) and its rows with actor emails and references:
    three queries (count, rows, actors) whatever the page holds."""
    ledger_page = selectors.ledger_page(item=item, page=page or 1)
    movements = list(ledger_page.object_list)
    emails = actor_emails(m.actor_id for m in movements)
    rows = []
    for movement in movements:
        label, url = reference_label(movement.reference_type, movement.reference_id)
        rows.append(LedgerRow(movement, emails.get(movement.actor_id), label, url))
    return ledger_page, rows


@dataclass(frozen=True)
class LotStatus:
    code: str  # available, curing, expired, expiring
    label: str
    until: datetime | None = None


def lot_status(lot: Lot, *, now: datetime, soon: datetime) -> LotStatus:
    """Expired beats curing beats expiring soon; otherwise available."""
    if lot.is_expired(now):
        return LotStatus("expired", "Expired", lot.expires_at)
    if lot.is_curing(now):
        return LotStatus("curing", "Curing until", lot.hold_until)
    if lot.expires_at is not None and lot.expires_at <= soon:
        return LotStatus("expiring", "Expiring soon", lot.expires_at)
    return LotStatus("available", "Available")


def average_unit_cost(item: Item) -> Decimal | None:
    """Weighted average cost per stock unit of what is on hand, from the item's `stock_value`
    annotation (inventory.selectors.item_detail / item_list); None without stock."""
    if not item.on_hand:
        return None
    with units.arithmetic():
        return item.stock_value / item.on_hand


def item_has_history(item: Item | int) -> bool:
    """Whether the item has ledger movements (its stock unit can then no longer change)."""
    return Movement.objects.filter(item=item).exists()


def unit_options() -> list[str]:
    """Every unit a quantity may be entered in: the standard units, then the workspace's own."""
    return [*units.STANDARD_UNIT_CODES, *(u.name for u in selectors.custom_units())]


def density_page(*, page: int | str | None = 1) -> Page:
    """Active tracked or untracked items with their densities, by name, one page."""
    items: QuerySet[Item] = Item.objects.filter(is_archived=False).only(
        "pk", "name", "kind", "stock_unit", "density_g_per_ml", "library_item_id"
    )
    return Paginator(items.order_by("name", "id"), DENSITY_PAGE_SIZE).get_page(page or 1)


# --- Receive preview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivePreview:
    amount: Decimal  # as entered
    unit: str  # as entered (canonical code for a standard unit)
    stock_quantity: Decimal  # in the item's stock unit, as it will be stored
    stock_unit: str
    unit_cost: Decimal | None  # per stock unit, as it will be stored; None when no cost was entered
    total: Decimal | None  # what the delivery is worth (exact)

    @property
    def converted(self) -> bool:
        return self.unit != self.stock_unit


def _custom_defs(unit: str) -> list[CustomUnitDef]:
    if units.is_standard_unit(unit):
        return []
    return [u.as_definition() for u in selectors.custom_units()]


def receive_preview(
    *, item: Item, quantity: str, unit: str = "", unit_cost: str = "", total_cost: str = ""
) -> ReceivePreview:
    """What `inventory.services.receive` would store for these entries, without writing anything.

    It runs the conversion the service runs (`units.convert`, `units.convert_unit_cost`, rounded by
    `units.to_storage`), so "500 g = 0.5 kg at $10.00/kg" is exactly the lot receive creates.
    Raises the same UnitError / InvalidCost the service would for a bad quantity, unit or cost.
    """
    amount = units.parse_amount(quantity)
    unit = (unit or "").strip() or item.stock_unit
    standard = units.standard_unit(unit)
    shown_unit = standard.code if standard else units.normalize_unit_name(unit)
    custom = _custom_defs(unit)
    convert = {"density": item.density_g_per_ml, "custom_units": custom, "item_name": item.name}
    if unit == item.stock_unit:
        exact_quantity = amount
    else:
        exact_quantity = units.convert(amount, unit, item.stock_unit, **convert)
    stock_quantity = units.to_storage(exact_quantity)
    if stock_quantity == 0:
        raise InvalidAmount(
            f"{units.format_amount(amount)} {unit} is too small to record for {item.name}: stock "
            f"is kept in {item.stock_unit} to 6 decimal places.",
            field="quantity",
        )
    unit_cost, total_cost = (unit_cost or "").strip(), (total_cost or "").strip()
    if unit_cost and total_cost:
        raise InvalidCost(
            "Enter the cost per unit or the total cost, not both.", field="total_cost"
        )
    stock_cost = None
    with units.arithmetic():
        if total_cost:
            total = units.parse_amount(
                total_cost,
                field="total_cost",
                allow_zero=True,
                label="total cost",
                maximum=units.MAX_COST,
            )
            stock_cost = units.to_storage(total / stock_quantity)
        elif unit_cost:
            per_unit = units.parse_amount(
                unit_cost, field="unit_cost", allow_zero=True, label="cost", maximum=units.MAX_COST
            )
            exact = (
                per_unit
                if unit == item.stock_unit
                else units.convert_unit_cost(per_unit, unit, item.stock_unit, **convert)
            )
            stock_cost = units.to_storage(exact)
        value = stock_quantity * stock_cost if stock_cost is not None else None
    return ReceivePreview(
        amount=amount,
        unit=shown_unit,
        stock_quantity=stock_quantity,
        stock_unit=item.stock_unit,
        unit_cost=stock_cost,
        total=value,
    )
