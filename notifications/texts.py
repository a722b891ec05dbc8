"""The plain-language lines that alerts, the notification center and digests show.

Dates are formatted in the zone the caller gives (the reader's): the same lot expiring at 23:30 UTC on
30 November is "30 Nov 2026" in London and "1 Dec 2026" in Auckland.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from inventory.units import format_amount
from notifications.models import Alert


def _when(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_datetime(value)


def format_day(value: datetime | str, zone: tzinfo) -> str:
    local = _when(value).astimezone(zone)
    return f"{local.day} {local:%b %Y}"


def format_moment(value: datetime | str, zone: tzinfo) -> str:
    local = _when(value).astimezone(zone)
    return f"{local.day} {local:%b %Y %H:%M}"


def amount(value: Decimal | str, unit: str) -> str:
    return f"{format_amount(Decimal(value))} {unit}"


def low_stock_line(*, item: str, on_hand, reserved, threshold, unit: str) -> str:
    below = f"below your threshold of {amount(threshold, unit)}"
    if Decimal(reserved):
        free = Decimal(on_hand) - Decimal(reserved)
        return (
            f"{item}: {amount(free, unit)} free ({amount(on_hand, unit)} on hand, "
            f"{amount(reserved, unit)} reserved), {below}"
        )
    return f"{item}: {amount(on_hand, unit)} on hand, {below}"


def _lot_label(item: str, code: str, supplier_lot_code: str) -> str:
    supplier = f" (supplier lot {supplier_lot_code})" if supplier_lot_code else ""
    return f"{item}, lot {code}{supplier}"


def expiring_lot_line(
    *, item: str, code: str, supplier_lot_code: str, remaining, unit: str, expires_at, zone: tzinfo
) -> str:
    return (
        f"{_lot_label(item, code, supplier_lot_code)}: {amount(remaining, unit)} left, "
        f"expires {format_day(expires_at, zone)}"
    )


def expired_lot_line(
    *, item: str, code: str, supplier_lot_code: str, remaining, unit: str, expires_at, zone: tzinfo
) -> str:
    return (
        f"{_lot_label(item, code, supplier_lot_code)}: {amount(remaining, unit)} left, "
        f"expired {format_day(expires_at, zone)}; production no longer uses it"
    )


def timer_line(*, timer: str, batch: str, due_at, zone: tzinfo) -> str:
    since = f"due since {format_moment(due_at, zone)}" if due_at else "its time is up"
    return f'"{timer}" on batch {batch}: {since}'


def alert_text(kind: str, details: dict, zone: tzinfo) -> str:
    """One alert as a sentence, from the details it was raised with."""
    if kind == Alert.Kind.LOW_STOCK:
        return "Low stock: " + low_stock_line(
            **_pick(details, "item on_hand reserved threshold unit")
        )
    lot = _pick(details, "item code supplier_lot_code remaining unit expires_at")
    if kind == Alert.Kind.LOT_EXPIRING:
        return "Expiring soon: " + expiring_lot_line(**lot, zone=zone)
    if kind == Alert.Kind.LOT_EXPIRED:
        return "Expired: " + expired_lot_line(**lot, zone=zone)
    if kind == Alert.Kind.TIMER_DUE:
        return "Timer due: " + timer_line(**_pick(details, "timer batch due_at"), zone=zone)
    if kind == Alert.Kind.LEDGER_DRIFT:
        return ledger_drift_line(
            **_pick(
                details,
                "item item_id on_hand lots_total ledger_total stock_value ledger_value lots_value",
            )
        )
    return Alert.Kind(kind).label


def ledger_drift_line(
    *,
    item: str,
    item_id: int,
    on_hand,
    lots_total,
    ledger_total,
    stock_value=None,
    ledger_value=None,
    lots_value=None,
) -> str:
    """One drifting item for staff: its quantities, then (when recorded) its money."""
    line = (
        f"{item} (item {item_id}): on hand {format_amount(Decimal(on_hand))}, "
        f"lots {format_amount(Decimal(lots_total))}, ledger {format_amount(Decimal(ledger_total))}"
    )
    if stock_value is not None and ledger_value is not None:
        line += (
            f"; stock value {_exact(stock_value)}, paid in less charged out {_exact(ledger_value)}"
        )
        if lots_value is not None:
            line += f", lots' value {_exact(lots_value)}"
    return line


def _exact(value) -> str:
    """A money value with every digit it has and no trailing zeros (drift can be a millionth)."""
    return f"{Decimal(value).normalize():f}"


def _pick(details: dict, names: str) -> dict:
    return {name: details.get(name) for name in names.split()}
