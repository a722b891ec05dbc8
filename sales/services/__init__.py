"""The only code that writes sales' models. Stock moves only through inventory's services."""

from sales.services.customers import create_customer, update_customer
from sales.services.fulfilment import fulfil_order, record_sale
from sales.services.orders import LineInput, cancel_order, create_order, hold_order
from sales.services.returns import return_line

__all__ = [
    "LineInput",
    "cancel_order",
    "create_customer",
    "create_order",
    "fulfil_order",
    "hold_order",
    "record_sale",
    "return_line",
    "update_customer",
]
