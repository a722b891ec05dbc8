"""Customers, orders, order lines and returns. Only `sales.services` writes them.

Money rules (see sales/money.py): prices, discounts, shipping, fees and refunds are in cents; a line's
cost of goods is exact (the ledger values of the lots drawn, 12 decimals) and is rounded only to show.
Stock moves only through inventory's services, under the reference ("order_line", line id), so the
ledger traces every line to the lots it drew from and a return goes back to exactly those lots.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone

from batchtrack.fields import exact_money_field
from inventory.models.fields import quantity_field
from sales.money import line_goods

# The ledger reference of everything an order line takes from stock or puts back.
LINE_REFERENCE = "order_line"


def cents_field(**kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal("0"))
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class Customer(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="sales_customer_name")]

    def __str__(self) -> str:
        return self.name


class Order(models.Model):
    """What one customer (or nobody in particular: a market-stall sale) bought at once.

    Open: being put together; its lines may hold stock (a reservation each) so nobody else takes it.
    Fulfilled: the stock left, each line charged what its lots cost. Cancelled: its holds released.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FULFILLED = "fulfilled", "Fulfilled"
        CANCELLED = "cancelled", "Cancelled"

    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Charged to the customer for shipping (revenue) and kept by the marketplace (a cost), for the
    # whole order; shared out to the lines by their value when the order is saved (sales/money.py).
    shipping_charged = cents_field()
    marketplace_fee = cents_field()
    note = models.CharField(max_length=200, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shipping_charged__gte=0) & Q(marketplace_fee__gte=0),
                name="sales_order_money_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(status="fulfilled", fulfilled_at__isnull=False)
                | (~Q(status="fulfilled") & Q(fulfilled_at__isnull=True)),
                name="sales_order_fulfilled_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["fulfilled_at"],
                condition=Q(status="fulfilled"),
                name="sales_order_fulfilled",
            ),
            models.Index(fields=["status", "-created_at"], name="sales_order_status"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"O-{self.pk}"


class OrderLine(models.Model):
    """One SKU on an order: how many, at what price, less what discount. `cost` is what the lots it
    drew cost (exact, set when the order is fulfilled)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveIntegerField()
    sku = models.ForeignKey("products.Sku", on_delete=models.PROTECT, related_name="order_lines")
    quantity = quantity_field()  # the SKU item's stock unit
    unit_price = cents_field()
    discount = cents_field()  # off the whole line
    shipping_share = cents_field()
    fee_share = cents_field()
    cost = exact_money_field()
    reservation = models.OneToOneField(
        "inventory.Reservation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_line",
    )

    class Meta:
        ordering = ["order_id", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="sales_line_qty_gt_0"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0)
                & Q(discount__gte=0)
                & Q(shipping_share__gte=0)
                & Q(fee_share__gte=0),
                name="sales_line_money_gte_0",
            ),
            models.UniqueConstraint(fields=["order", "position"], name="sales_line_position"),
        ]
        indexes = [models.Index(fields=["sku"], name="sales_line_sku")]

    def __str__(self) -> str:
        return f"Line {self.position} of {self.order_id}"

    @property
    def goods(self) -> Decimal:
        """quantity x price less the discount, in cents (the product rounded half up)."""
        return line_goods(self.quantity, self.unit_price, self.discount)

    @property
    def revenue(self) -> Decimal:
        return self.goods + self.shipping_share


class LineReturn(models.Model):
    """Stock a customer sent back from one order line: it went back to the lots the line drew from
    (`cost` is what was put back, exact), and `refund` (cents) was paid back."""

    line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="returns")
    quantity = quantity_field()
    refund = cents_field()
    cost = exact_money_field()
    note = models.CharField(max_length=200, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="sales_return_qty_gt_0"),
            models.CheckConstraint(condition=Q(refund__gte=0), name="sales_return_refund_gte_0"),
        ]
        indexes = [models.Index(fields=["created_at"], name="sales_return_created")]

    def __str__(self) -> str:
        return f"Return of {self.quantity} from line {self.line_id}"
