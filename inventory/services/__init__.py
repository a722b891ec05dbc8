"""The only code that writes inventory state. One module per kind of write; import from here.

Every service takes keyword arguments, runs in one transaction, locks the item rows it changes (ascending
id), validates before writing, appends ledger movements, and either succeeds completely or raises an
`inventory.errors` DomainError having changed nothing.
"""

from inventory.services._inputs import ConsumeLine, Reference

# For callers that change several items' stock in one transaction of their own (an order's lines):
# lock them all first, in this one order, so two such callers can't deadlock.
from inventory.services._locks import lock_items
from inventory.services.adjustments import adjust
from inventory.services.consumption import consume, consume_many
from inventory.services.containers import create_container
from inventory.services.costing import (
    ItemValuation,
    costing_method,
    item_valuation,
    set_costing_method,
    stock_value,
    valuations,
    weighted_average_cost,
)
from inventory.services.custom_units import create_custom_unit, delete_custom_unit
from inventory.services.expiry import FoundStockExpiry, found_stock_expiry, mark_expired_lots
from inventory.services.items import UNSET, create_item, update_item
from inventory.services.label_facts import IFRA_CATEGORIES, set_label_facts
from inventory.services.library_links import add_from_library, library_values, link_to_library
from inventory.services.lot_corrections import (
    LotCorrectionResult,
    correct_lot,
    release_cure,
)
from inventory.services.preferences import update_preferences
from inventory.services.receiving import ReceivePreview, preview_receive, receive
from inventory.services.reservations import fulfil, release, reserve
from inventory.services.restoring import restore
from inventory.services.results import (
    AdjustResult,
    ConsumeResult,
    Draw,
    MovementLine,
    RestoreResult,
)
from inventory.services.stock_check import (
    StockCheckLine,
    StockCheckResult,
    StockStatus,
    check_stock,
)

__all__ = [
    "IFRA_CATEGORIES",
    "UNSET",
    "AdjustResult",
    "ConsumeLine",
    "ConsumeResult",
    "Draw",
    "FoundStockExpiry",
    "ItemValuation",
    "LotCorrectionResult",
    "MovementLine",
    "ReceivePreview",
    "Reference",
    "RestoreResult",
    "StockCheckLine",
    "StockCheckResult",
    "StockStatus",
    "add_from_library",
    "adjust",
    "check_stock",
    "consume",
    "consume_many",
    "correct_lot",
    "costing_method",
    "create_container",
    "create_custom_unit",
    "create_item",
    "delete_custom_unit",
    "found_stock_expiry",
    "fulfil",
    "item_valuation",
    "library_values",
    "link_to_library",
    "lock_items",
    "mark_expired_lots",
    "preview_receive",
    "receive",
    "release",
    "release_cure",
    "reserve",
    "restore",
    "set_costing_method",
    "set_label_facts",
    "stock_value",
    "update_item",
    "update_preferences",
    "valuations",
    "weighted_average_cost",
]
