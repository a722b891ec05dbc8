"""More of the sample workshop, for measuring pages as a workspace grows (bench/pages.py and the
query-count tests): each copy adds what the demo has, under names of its own.

Per copy: five ingredients and a box (two lots each: one old and expiring soon, one fresh; one
ingredient under its low-stock level), a product with a SKU, a published recipe finishing into it, a
finished batch with a sale, a running batch with a timer, and a planned batch. Everything goes through
the services, like any other write.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from batches.services import (
    OutputInput,
    finish_batch,
    plan_batch,
    start_batch,
    start_timer,
)
from inventory.services import create_item, receive
from products.services import create_product, create_sku
from recipes.services import LineInput, VersionContent, create_recipe
from sales.services import record_sale

INGREDIENTS = [
    # name, unit, quantity per batch, cost per unit
    ("Olive oil", "g", "700", "0.01"),
    ("Coconut oil", "g", "300", "0.007"),
    ("Shea butter", "g", "100", "0.02"),
    ("Sodium hydroxide", "g", "143", "0.004"),
    ("Lavender essential oil", "ml", "30", "0.16"),
]


def add_copy(*, organization, owner, number: int) -> None:
    """Add copy `number` of the workshop (names carry the number, so copies never collide)."""
    now = timezone.now()
    actor = owner.pk if owner else None
    lines = []
    for name, unit, per_batch, cost in INGREDIENTS:
        item = create_item(
            organization=organization,
            name=f"{name} {number}",
            stock_unit=unit,
            low_stock_threshold="5000" if name == "Olive oil" else "0",
        )
        receive(
            item=item,
            quantity=str(int(per_batch) * 2),
            unit_cost=cost,
            received_at=now - timedelta(days=60),
            expires_at=now + timedelta(days=10),
        )
        receive(item=item, quantity=str(int(per_batch) * 4), unit_cost=cost)
        lines.append(LineInput(item.pk, per_batch, unit))
    box = create_item(
        organization=organization, name=f"Soap box {number}", stock_unit="each", kind="packaging"
    )
    receive(item=box, quantity="60", unit_cost="0.35")
    lines.append(LineInput(box.pk, "10", "each"))
    product = create_product(name=f"Workshop bar {number}", category="Soap")
    sku = create_sku(product=product, price="8.50")
    recipe = create_recipe(
        name=f"Workshop soap {number}",
        category="soap",
        prefix=f"W{number}",
        output_item_id=sku.item_id,
        actor_id=actor,
        publish=True,
        content=VersionContent(
            yield_quantity="10", yield_unit="each", portion_name="bar", lines=lines
        ),
    )
    version = recipe.current_version
    done = start_batch(batch=plan_batch(version=version, actor_id=actor), actor_id=actor)
    finish_batch(
        batch=done, actual_yield="10", outputs=[OutputInput(sku.item_id, "10")], actor_id=actor
    )
    record_sale(sku=sku, quantity="2", actor_id=actor)
    running = start_batch(batch=plan_batch(version=version, actor_id=actor), actor_id=actor)
    start_timer(batch=running, name="Gel phase", duration=timedelta(hours=24), actor_id=actor)
    plan_batch(version=version, factor="2", actor_id=actor)


def grow(*, organization, owner, copies: int, first: int = 1) -> None:
    """Add `copies` copies, numbered from `first`."""
    for number in range(first, first + copies):
        add_copy(organization=organization, owner=owner, number=number)
