"""Inventory's domain errors: a stable code, a plain-language message that says how to fix the
problem, and the data a form or an API needs (`field`, `details`).

Every error here is a `batchtrack.errors.DomainError`; a service that raises one has changed nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from batchtrack.errors import DomainError


def format_amount(value: Decimal) -> str:
    """A quantity for people: no exponent, no trailing zeros, at most 3 decimals (6 below 1)."""
    places = Decimal("0.001") if abs(value) >= 1 else Decimal("0.000001")
    exponent = value.as_tuple().exponent
    too_fine = isinstance(exponent, int) and exponent < int(places.as_tuple().exponent)
    rounded = value.quantize(places, rounding=ROUND_HALF_UP) if too_fine else value
    text = format(rounded, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_quantity(value: Decimal, unit: str) -> str:
    return f"{format_amount(value)} {unit}"


class InventoryError(DomainError):
    code = "INVENTORY_ERROR"


# --- Units and amounts -----------------------------------------------------------------------


class UnitError(InventoryError):
    code = "UNIT_ERROR"


class UnknownUnit(UnitError):
    code = "UNKNOWN_UNIT"


class MissingDensity(UnitError):
    code = "MISSING_DENSITY"


class IncompatibleUnits(UnitError):
    code = "INCOMPATIBLE_UNITS"


class InvalidAmount(UnitError):
    code = "INVALID_AMOUNT"


# --- Stock ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """One item (or one lot) that cannot cover a request; amounts are in the caller's unit."""

    item_id: int
    item_name: str
    needed: Decimal
    available: Decimal
    shortfall: Decimal
    unit: str
    lot_id: int | None = None

    @property
    def message(self) -> str:
        need = format_quantity(self.needed, self.unit)
        have = format_quantity(self.available, self.unit)
        more = format_quantity(self.shortfall, self.unit)
        if self.lot_id is not None:
            return (
                f"Lot L{self.lot_id} of {self.item_name} has only {have} left to take; "
                f"you asked for {need} ({more} more than it has)."
            )
        return f"You need {more} more {self.item_name}: this needs {need} and {have} is available."


class InsufficientStock(InventoryError):
    """Raised once for a whole request, listing every item that is short."""

    code = "INSUFFICIENT_STOCK"

    def __init__(self, shortfalls: Sequence[Shortfall], *, field: str | None = "quantity"):
        self.shortfalls = tuple(shortfalls)
        if len(self.shortfalls) == 1:
            message = self.shortfalls[0].message
        else:
            message = f"{len(self.shortfalls)} items are short. " + " ".join(
                s.message for s in self.shortfalls
            )
        super().__init__(message, field=field, shortfalls=self.shortfalls)


class StockReserved(InventoryError):
    code = "STOCK_RESERVED"


class LotNotOfItem(InventoryError):
    code = "LOT_NOT_OF_ITEM"


class LotNotExpired(InventoryError):
    code = "LOT_NOT_EXPIRED"


class InvalidDate(InventoryError):
    code = "INVALID_DATE"


class InvalidCost(InventoryError):
    code = "INVALID_COST"


class InvalidAdjustment(InventoryError):
    code = "INVALID_ADJUSTMENT"


class NothingToRestore(InventoryError):
    code = "NOTHING_TO_RESTORE"


class AlreadyRestored(InventoryError):
    code = "ALREADY_RESTORED"


class ReservationClosed(InventoryError):
    code = "RESERVATION_CLOSED"


# --- Items and custom units ---------------------------------------------------------------------


class ItemNotFound(InventoryError):
    code = "ITEM_NOT_FOUND"


class ItemNotTracked(InventoryError):
    code = "ITEM_NOT_TRACKED"


class ItemArchived(InventoryError):
    code = "ITEM_ARCHIVED"


class ItemHasStock(InventoryError):
    code = "ITEM_HAS_STOCK"


class InvalidItem(InventoryError):
    code = "INVALID_ITEM"


class DuplicateItemName(InventoryError):
    code = "DUPLICATE_NAME"


class LibraryFieldLocked(InventoryError):
    code = "LIBRARY_LOCKED"


class StockUnitLocked(InventoryError):
    code = "STOCK_UNIT_LOCKED"


class InvalidCustomUnit(InventoryError):
    code = "INVALID_CUSTOM_UNIT"
