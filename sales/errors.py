"""Sales' domain errors; a service that raises one has changed nothing.

Errors about order lines name the line ("Line 2 (LAV-4OZ): ...") and carry `errors`, a mapping of
field or line key to message, so a form can show each problem where it belongs."""

from __future__ import annotations

from batchtrack.errors import DomainError


class SalesError(DomainError):
    code = "SALES_ERROR"


class InvalidCustomer(SalesError):
    code = "INVALID_CUSTOMER"


class InvalidOrder(SalesError):
    """Something wrong with an order or its lines: each problem is listed, naming its line."""

    code = "INVALID_ORDER"


class LinesShort(SalesError):
    """Not enough stock for one or more lines (to hold or to fulfil), each named."""

    code = "LINES_SHORT"


class OrderClosed(SalesError):
    code = "ORDER_CLOSED"


class InvalidReturn(SalesError):
    code = "INVALID_RETURN"
