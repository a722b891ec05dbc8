"""Inventory's domain errors: a stable code, a plain-language message that says how to fix the
problem, and the data a form or an API needs (`field`, `details`).

Every error here is a `batchtrack.errors.DomainError`; a service that raises one has changed nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from batchtrack.errors import DomainError
from batchtrack.glossary import COUNT_UNIT, quantity_words
from inventory.shelf_life import day_words


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
class HeldStock:
    """Stock of a short item that is on the shelf but can't be used now, in the caller's unit: curing
    until a day (`until`; its deliveries in `lot_ids`, each can have its cure released), past its
    best-before date, or held for orders."""

    CURING = "curing"
    EXPIRED = "expired"
    RESERVED = "reserved"

    reason: str
    quantity: Decimal
    until: datetime | None = None
    lot_ids: tuple[int, ...] = ()

    def words(self, unit: str, count_noun: str = "") -> str:
        amount = quantity_words(self.quantity, unit, count_noun)
        if self.reason == self.CURING and self.until is not None:
            return f"{amount} curing until {day_words(self.until)}"
        if self.reason == self.EXPIRED:
            return f"{amount} past their best-before date"
        return f"{amount} held for orders"


@dataclass(frozen=True)
class Shortfall:
    """One item (or one lot) that cannot cover a request; amounts are in the caller's unit. `held`
    says why stock on the shelf doesn't count (curing, expired, held for orders), so the message can
    say how much is in each state, until when, and what fixes it."""

    item_id: int
    item_name: str
    needed: Decimal
    available: Decimal
    shortfall: Decimal
    unit: str
    lot_id: int | None = None
    held: tuple[HeldStock, ...] = ()
    # What one counted piece of the item is called ("bar"), for amounts in "each".
    count_noun: str = ""

    def _words(self, amount: Decimal) -> str:
        return quantity_words(amount, self.unit, self.count_noun)

    @property
    def message(self) -> str:
        need, have = self._words(self.needed), self._words(self.available)
        more = self._words(self.shortfall)
        if self.lot_id is not None:
            return (
                f"L{self.lot_id} of {self.item_name} has only {have} left to take; "
                f"you asked for {need} ({more} more than it has)."
            )
        # "150 g more olive oil", but "2 more bars of Olive Bar" ("2 bars more Olive Bar" is not English)
        if self.unit == COUNT_UNIT:
            short = f"{more.replace(' ', ' more ', 1)} of {self.item_name}"
        else:
            short = f"{more} more {self.item_name}"
        if self.held:
            return f"You need {short}: this needs {need}. {self.held_message}"
        return f"You need {short}: this needs {need} and {have} is available."

    @property
    def held_message(self) -> str:
        """ "On the shelf: 10 bars curing until 30 Dec 2026; 0 bars ready to use. If they are ready
        now, release the cure early." (empty when nothing is held)."""
        if not self.held:
            return ""
        states = ", ".join(held.words(self.unit, self.count_noun) for held in self.held)
        ready = self._words(self.available)
        text = f"On the shelf: {states}; {ready} ready to use."
        if self.curing_lot_ids:
            text += " If they are ready now, release the cure early."
        return text

    @property
    def curing_lot_ids(self) -> tuple[int, ...]:
        return tuple(
            pk for held in self.held if held.reason == HeldStock.CURING for pk in held.lot_ids
        )


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
        super().__init__(
            message, field=field, shortfalls=self.shortfalls, fixes=cure_fixes(self.shortfalls)
        )


def cure_fixes(shortfalls: Sequence[Shortfall]) -> list[tuple[str, str, tuple[int, ...]]]:
    """The actions that fix a shortfall of curing stock, as (label, route name, arguments): one
    "release the cure" per curing delivery, for a page to show as links (`batchtrack.actions`)."""
    fixes: list[tuple[str, str, tuple[int, ...]]] = []
    for short in shortfalls:
        several = len(short.curing_lot_ids) > 1
        for held in short.held:
            for pk in held.lot_ids if held.reason == HeldStock.CURING else ():
                label = f"Release the cure of {short.item_name} now"
                if several and held.until is not None:  # say which: its code and cure date
                    label += f" (L{pk}, curing until {day_words(held.until)})"
                fixes.append((label, "inventory:lot_release", (pk,)))
    return fixes


class StockReserved(InventoryError):
    code = "STOCK_RESERVED"


class LotNotOfItem(InventoryError):
    code = "LOT_NOT_OF_ITEM"


class LotNotExpired(InventoryError):
    code = "LOT_NOT_EXPIRED"


class LotNotCuring(InventoryError):
    code = "LOT_NOT_CURING"


class InvalidCorrection(InventoryError):
    code = "INVALID_CORRECTION"


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
