"""Receiving stock into a new lot: purchases, and (for the production app) batch outputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inventory import units
from inventory.errors import InvalidCost, InvalidDate
from inventory.models import Item, Lot, Movement
from inventory.services._conversion import custom_unit_defs, to_stock
from inventory.services._inputs import Reference, aware, reference_parts
from inventory.services._locks import check_room, lock_item, require_active, require_tracked
from inventory.services._writes import change_balances, new_operation, replayed_movements

# A little clock skew between a browser and the server is not "the future".
_CLOCK_SKEW = timedelta(minutes=5)

MOVEMENT_KIND_FOR_SOURCE: dict[str, str] = {
    Lot.Source.PURCHASE: Movement.Kind.RECEIVE,
    Lot.Source.BATCH_OUTPUT: Movement.Kind.BATCH_OUTPUT,
    Lot.Source.RETURN: Movement.Kind.RETURNED,
    Lot.Source.ADJUSTMENT: Movement.Kind.RECOUNT,
}


def receive(
    *,
    item: Item | int,
    quantity: Decimal | int | str,
    unit: str | None = None,
    unit_cost: Decimal | int | str | None = None,
    total_cost: Decimal | int | str | None = None,
    received_at: datetime | None = None,
    expires_at: datetime | None = None,
    hold_until: datetime | None = None,
    supplier: str = "",
    supplier_lot_code: str = "",
    supplier_id: int | None = None,
    source: str = Lot.Source.PURCHASE,
    reference: Reference | None = None,
    actor_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> Lot:
    """Put `quantity` `unit` of a tracked item on the shelf as a new lot and record it in the ledger.

    Cost is per `unit` (`unit_cost`) or for the whole delivery (`total_cost`), exactly one of the two
    (zero is fine); it is stored per stock unit (500 g at $0.01/g into a kg item: 0.5 kg at $10/kg).
    expires_at defaults to received_at + the item's shelf life; hold_until keeps the lot out of production
    use until then (curing, quarantine). `source` BATCH_OUTPUT (with reference ("batch", id)) is how the
    production app stores a batch's output at its computed unit cost. `supplier` is the supplier's
    name as text; `supplier_id` also links the lot to a purchasing.Supplier (the caller vouches for it).

    Locks the item row. Raises InvalidAmount / UnitError subclasses, InvalidCost, InvalidDate,
    ItemNotFound, ItemArchived, ItemNotTracked. With an idempotency_key already used, nothing is written
    and the first call's lot is returned.
    """
    amount = units.parse_amount(quantity)
    cost_per_unit, cost_total = _parse_costs(unit_cost, total_cost)
    if source not in Lot.Source.values:
        raise ValueError(f"Unknown lot source {source!r}.")
    now = timezone.now()
    received_at, expires_at = _checked_dates(received_at, expires_at, now)
    hold_until = aware(hold_until, "hold_until")
    ref_type, ref_id = reference_parts(reference)
    custom = custom_unit_defs(unit)

    with transaction.atomic():
        locked = lock_item(item)
        replay = replayed_movements(idempotency_key)
        if replay is not None:
            # A receipt's movement always names the lot it created; the stubs only see int | None.
            return Lot.objects.get(pk=replay[0].lot_id)  # type: ignore[misc]
        require_active(locked)
        require_tracked(locked, "receive")
        stock_qty = to_stock(locked, amount, unit, custom)
        check_room(locked, stock_qty)
        stock_cost = _cost_per_stock_unit(
            locked, amount, unit, stock_qty, cost_per_unit, cost_total, custom
        )
        if expires_at is None and locked.shelf_life_days:
            expires_at = received_at + timedelta(days=locked.shelf_life_days)
        lot = Lot.objects.create(
            item=locked,
            source=source,
            quantity_received=stock_qty,
            quantity_remaining=stock_qty,
            unit_cost=stock_cost,
            received_at=received_at,
            expires_at=expires_at,
            hold_until=hold_until,
            supplier=(supplier or "").strip()[:120],
            supplier_lot_code=(supplier_lot_code or "").strip()[:80],
            purchased_from_id=supplier_id,
            reference_type=ref_type,
            reference_id=ref_id,
            note=note,
            created_at=now,
        )
        Movement.objects.create(
            item=locked,
            lot=lot,
            kind=MOVEMENT_KIND_FOR_SOURCE[source],
            quantity=stock_qty,
            unit_cost=stock_cost,
            value=stock_qty * stock_cost,
            reference_type=ref_type,
            reference_id=ref_id,
            actor_id=actor_id,
            note=note,
            operation_id=new_operation(),
            idempotency_key=idempotency_key or None,
            created_at=now,
        )
        change_balances({locked.pk: (stock_qty, Decimal("0"), stock_qty * stock_cost)})
    return lot


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


def preview_receive(
    *,
    item: Item,
    quantity: Decimal | int | str,
    unit: str | None = None,
    unit_cost: Decimal | int | str | None = None,
    total_cost: Decimal | int | str | None = None,
    received_at: datetime | None = None,
    expires_at: datetime | None = None,
    custom_units: list[units.CustomUnitDef] | None = None,
    require_cost: bool = False,
) -> ReceivePreview:
    """What `receive` would store for these entries, without writing: the same parsing, conversion,
    rounding and checks (dates included), so "500 g = 0.5 kg at $10.00/kg" is exactly the lot
    `receive` creates. The cost may be left out while the maker is still typing. `item` may be
    unsaved (the import's dry run); `custom_units` saves reading them again. Raises what `receive`
    would raise for the quantity, unit, cost or dates."""
    amount = units.parse_amount(quantity)
    _checked_dates(received_at, expires_at, timezone.now())
    unit = (unit or "").strip() or None
    custom = custom_unit_defs(unit) if custom_units is None else custom_units
    stock_qty = to_stock(item, amount, unit, custom)
    stock_cost = None
    if require_cost or unit_cost is not None or total_cost is not None:
        cost_per_unit, cost_total = _parse_costs(unit_cost, total_cost)
        stock_cost = _cost_per_stock_unit(
            item, amount, unit, stock_qty, cost_per_unit, cost_total, custom
        )
    standard = units.standard_unit(unit or item.stock_unit)
    with units.arithmetic():
        value = stock_qty * stock_cost if stock_cost is not None else None
    return ReceivePreview(
        amount=amount,
        unit=standard.code if standard else units.normalize_unit_name(unit or item.stock_unit),
        stock_quantity=stock_qty,
        stock_unit=item.stock_unit,
        unit_cost=stock_cost,
        total=value,
    )


def _checked_dates(
    received_at: datetime | None, expires_at: datetime | None, now: datetime
) -> tuple[datetime, datetime | None]:
    """When the stock arrived (default now; not in the future) and its expiry (after that)."""
    received_at = aware(received_at, "received_at") or now
    expires_at = aware(expires_at, "expires_at")
    if received_at > now + _CLOCK_SKEW:
        raise InvalidDate(
            "The received date is in the future. Record stock when it arrives.", field="received_at"
        )
    if expires_at is not None and expires_at <= received_at:
        raise InvalidDate(
            "The expiry date must be after the date the stock was received.", field="expires_at"
        )
    return received_at, expires_at


def _parse_costs(unit_cost, total_cost) -> tuple[Decimal | None, Decimal | None]:
    if unit_cost is None and total_cost is None:
        raise InvalidCost(
            "Enter what the stock cost, either per unit or in total (0 if it cost nothing).",
            field="unit_cost",
        )
    if unit_cost is not None and total_cost is not None:
        raise InvalidCost(
            "Enter the cost per unit or the total cost, not both.", field="total_cost"
        )
    if unit_cost is not None:
        return (
            units.parse_amount(
                unit_cost, field="unit_cost", allow_zero=True, label="cost", maximum=units.MAX_COST
            ),
            None,
        )
    return None, units.parse_amount(
        total_cost, field="total_cost", allow_zero=True, label="total cost", maximum=units.MAX_COST
    )


def _cost_per_stock_unit(
    item: Item,
    amount: Decimal,
    unit: str | None,
    stock_qty: Decimal,
    cost_per_unit: Decimal | None,
    cost_total: Decimal | None,
    custom,
) -> Decimal:
    with units.arithmetic():
        if cost_total is not None:
            exact = cost_total / stock_qty
        elif cost_per_unit is None:  # _parse_costs returns exactly one of the two
            raise InvalidCost(
                "Enter what the stock cost, either per unit or in total (0 if it cost nothing).",
                field="unit_cost",
            )
        elif unit is None or unit == item.stock_unit:
            exact = cost_per_unit
        else:
            exact = units.convert_unit_cost(
                cost_per_unit,
                unit,
                item.stock_unit,
                density=item.density_g_per_ml,
                custom_units=custom,
                item_name=item.name,
            )
    if exact > units.MAX_COST:
        raise InvalidCost(
            f"That is {units.format_amount(exact)} per {item.stock_unit} of {item.name}, more than "
            f"BatchTrack can record. Check the cost and its unit.",
            field="total_cost" if cost_total is not None else "unit_cost",
        )
    return units.to_storage(exact)
