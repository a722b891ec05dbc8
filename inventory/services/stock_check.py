"""Stock check: can these (item, quantity, unit) lines be made from what is available right now?

Available means usable (not expired, not curing) and not reserved. A read: nothing is locked or written,
so the answer can be stale a moment later; consume is what enforces it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from batchtrack.glossary import quantity_words
from inventory import units
from inventory.errors import HeldStock, Shortfall, UnitError
from inventory.held_stock import held_stock
from inventory.lot_rules import usable_lots_q
from inventory.models import Item
from inventory.services._conversion import custom_unit_defs, display_unit, from_stock, to_stock
from inventory.services._inputs import ConsumeLine, LineLike, as_line, item_pk


class StockStatus(StrEnum):
    OK = "ok"
    LOW = "low"  # enough, but it would leave stock under the item's low-stock threshold
    SHORT = "short"  # not enough; `shortfall` says how much more is needed
    ERROR = "error"  # the line can't be checked (unknown unit, missing density, ...): see `message`

    @property
    def severity(self) -> int:
        return ["ok", "low", "short", "error"].index(self.value)


@dataclass(frozen=True)
class StockCheckLine:
    item_id: int | None
    item_name: str
    needed: Decimal | None  # in `unit`, as asked
    unit: str
    available: Decimal | None  # in `unit`, for this line (after earlier lines of the same item)
    shortfall: Decimal  # in `unit`; zero unless SHORT
    status: StockStatus
    message: str = ""  # plain language; empty when OK
    error_code: str | None = None  # UNKNOWN_UNIT, MISSING_DENSITY, ... for ERROR lines
    error_field: str | None = None
    tracked: bool = True


@dataclass(frozen=True)
class StockCheckResult:
    status: StockStatus  # the worst line's
    lines: tuple[StockCheckLine, ...]

    @property
    def ok(self) -> bool:
        """True when every line can be made (OK or LOW)."""
        return self.status in (StockStatus.OK, StockStatus.LOW)


def check_stock(*, lines: Iterable[LineLike]) -> StockCheckResult:
    """Check each line: OK, LOW, SHORT (with the shortfall in the line's unit) or ERROR (with a message
    that says how to fix it, e.g. add a density). Lines of the same item draw on the same stock, in
    order. Untracked items are always OK once their unit converts. Two or three queries, whatever the
    number of lines."""
    parsed: list[ConsumeLine] = [as_line(line) for line in lines]
    now = timezone.now()
    ids = {item_pk(line.item) for line in parsed}
    zero = Value(Decimal("0"), output_field=DecimalField(max_digits=20, decimal_places=6))
    items = {
        item.pk: item
        for item in Item.objects.filter(pk__in=ids).annotate(
            usable=Coalesce(
                Sum(
                    "lots__quantity_remaining",
                    filter=Q(lots__quantity_remaining__gt=0) & usable_lots_q(now, prefix="lots__"),
                ),
                zero,
            )
        )
    }
    custom = custom_unit_defs(*(line.unit for line in parsed))
    used: dict[int, Decimal] = {}
    results = [_check_line(line, items, custom, used, now) for line in parsed]
    worst = max((line.status for line in results), key=lambda s: s.severity, default=StockStatus.OK)
    return StockCheckResult(status=worst, lines=tuple(results))


def _check_line(
    line: ConsumeLine, items, custom, used: dict[int, Decimal], now: datetime
) -> StockCheckLine:
    pk = item_pk(line.item)
    item = items.get(pk)
    shown_unit = units.normalize_unit_name(line.unit or "")
    if item is None:
        return StockCheckLine(
            item_id=pk,
            item_name="(missing item)",
            needed=None,
            unit=shown_unit,
            available=None,
            shortfall=Decimal("0"),
            status=StockStatus.ERROR,
            message="This item no longer exists in the workspace. Pick another item.",
            error_code="ITEM_NOT_FOUND",
            error_field="item",
        )
    unit = display_unit(item, line.unit)

    def error(message: str, code: str, field: str | None, needed=None) -> StockCheckLine:
        return StockCheckLine(
            item_id=pk,
            item_name=item.name,
            needed=needed,
            unit=unit,
            available=None,
            shortfall=Decimal("0"),
            status=StockStatus.ERROR,
            message=message,
            error_code=code,
            error_field=field,
            tracked=item.is_tracked,
        )

    if item.is_archived:
        return error(
            f"{item.name} is archived. Restore it or pick another item.", "ITEM_ARCHIVED", "item"
        )
    try:
        amount = units.parse_amount(line.quantity)
        need = to_stock(item, amount, line.unit, custom)
    except UnitError as exc:
        return error(exc.message, exc.code, exc.field)
    if not item.is_tracked:
        return StockCheckLine(
            item_id=pk,
            item_name=item.name,
            needed=amount,
            unit=unit,
            available=None,
            shortfall=Decimal("0"),
            status=StockStatus.OK,
            tracked=False,
        )
    already = used.get(pk, Decimal("0"))
    free = max(item.usable - item.reserved - already, Decimal("0"))
    used[pk] = already + need
    with units.arithmetic():
        available = from_stock(item, free, line.unit, custom)
        if need > free:
            shortfall = Shortfall(
                item_id=pk,
                item_name=item.name,
                needed=amount,
                available=available,
                shortfall=amount - available,
                unit=unit,
                count_noun=item.count_noun,
                held=_held(
                    item, item.usable, now, lambda q: from_stock(item, q, line.unit, custom)
                ),
            )
            status, message, short = StockStatus.SHORT, shortfall.message, shortfall.shortfall
        elif item.low_stock_threshold > 0 and free - need < item.low_stock_threshold:
            left = free - need
            status, short = StockStatus.LOW, Decimal("0")
            message = (
                f"Enough {item.name}, but it leaves {quantity_words(left, item.stock_unit, item.count_noun)}, "
                f"under its low-stock level of {units.format_amount(item.low_stock_threshold)} "
                f"{item.stock_unit}. Time to reorder."
            )
        else:
            status, message, short = StockStatus.OK, "", Decimal("0")
    return StockCheckLine(
        item_id=pk,
        item_name=item.name,
        needed=amount,
        unit=unit,
        available=available,
        shortfall=short,
        status=status,
        message=message,
    )


def _held(item: Item, usable: Decimal, now: datetime, to_unit) -> tuple[HeldStock, ...]:
    """Why a short item's other stock can't be used; reads its lots only when some are curing or
    expired (on hand above usable), so a check stays at one query when nothing is held."""
    if item.on_hand > usable:
        return held_stock(item.pk, now=now, reserved=item.reserved, to_unit=to_unit)
    if item.reserved > 0:
        return (HeldStock(HeldStock.RESERVED, to_unit(item.reserved)),)
    return ()
