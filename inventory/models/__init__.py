"""Inventory models: items, lots, the append-only movement ledger, reservations, custom units and the
workspace's inventory preferences. Only `inventory.services` writes them."""

from inventory.models.corrections import LotCorrection
from inventory.models.items import Item
from inventory.models.lots import Lot
from inventory.models.movements import (
    ADJUSTMENT_KINDS,
    CONSUMPTION_KINDS,
    DISPOSAL_KINDS,
    GIVEAWAY_KINDS,
    SALE_REFERENCES,
    Movement,
)
from inventory.models.reservations import Reservation
from inventory.models.workspace import CustomUnit, InventoryPreferences

__all__ = [
    "ADJUSTMENT_KINDS",
    "CONSUMPTION_KINDS",
    "DISPOSAL_KINDS",
    "GIVEAWAY_KINDS",
    "CustomUnit",
    "InventoryPreferences",
    "Item",
    "Lot",
    "LotCorrection",
    "Movement",
    "Reservation",
    "SALE_REFERENCES",
]
