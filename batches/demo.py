"""Demo production data for `seed_demo`: a soap recipe with a variation, a product with SKUs, a finished
batch that stocked a SKU and sold some, a running batch with a timer, and a planned one.

Idempotent: it does nothing once the demo recipe exists. Items are reused by name when inventory's own
demo made them, created otherwise; every write goes through the services.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from inventory.models import Item
from inventory.services import create_item, receive
from products.services import add_size, add_variant, create_product, create_sku, deduct, hold
from recipes.models import Recipe
from recipes.services import (
    LineInput,
    VersionContent,
    create_recipe,
    create_variation,
    publish_version,
    save_draft,
)
from sales.services import record_sale

RECIPE = "Lavender castile soap"

# name, unit, kind, density, lots of (quantity, unit cost, days ago, supplier, supplier lot code)
ITEMS = [
    (
        "Olive oil",
        "g",
        "ingredient",
        "0.91",
        [
            ("5000", "0.009", 40, "Oleo Co.", "OL-2411"),
            ("5000", "0.011", 10, "Oleo Co.", "OL-2502"),
        ],
    ),
    ("Coconut oil", "g", "ingredient", "0.92", [("3000", "0.007", 30, "Tropic Fats", "CN-88")]),
    ("Sodium hydroxide", "g", "ingredient", None, [("2000", "0.004", 60, "ChemCo", "NAOH-7")]),
    ("Distilled water", "ml", "ingredient", "1", [("10000", "0.0005", 20, "", "")]),
    (
        "Lavender essential oil",
        "ml",
        "ingredient",
        "0.89",
        [("500", "0.16", 15, "Provence EO", "LAV-3")],
    ),
    ("Kraft soap box", "each", "packaging", None, [("200", "0.35", 25, "BoxMakers", "KB-19")]),
]


def _item(name: str, unit: str, kind: str, density: str | None, organization) -> tuple[Item, bool]:
    found = Item.objects.filter(name__iexact=name, is_archived=False).first()
    if found is not None:
        return found, False
    return (
        create_item(
            organization=organization,
            name=name,
            stock_unit=unit,
            kind=kind,
            density_g_per_ml=density,
            count_noun="box" if unit == "each" else "",
        ),
        True,
    )


def seed(*, organization, owner) -> None:
    from batches.services import (
        OutputInput,
        add_note,
        finish_batch,
        plan_batch,
        start_batch,
        start_timer,
    )

    if Recipe.objects.filter(name=RECIPE).exists():
        return
    now = timezone.now()
    items = {}
    for name, unit, kind, density, lots in ITEMS:
        item, created = _item(name, unit, kind, density, organization)
        items[name] = item
        if created or item.on_hand == 0:
            for quantity, cost, days, supplier, code in lots:
                receive(
                    item=item,
                    quantity=quantity,
                    unit_cost=cost,
                    received_at=now - timedelta(days=days),
                    supplier=supplier,
                    supplier_lot_code=code,
                )

    product = create_product(name="Castile bar", category="Soap")
    lavender = add_variant(product=product, name="Lavender")
    add_variant(product=product, name="Unscented")
    bar = add_size(product=product, name="4 oz bar", container_id=items["Kraft soap box"].pk)
    sku = create_sku(
        product=product,
        variant=lavender,
        size=bar,
        price="8.50",
        shelf_life_days=540,
        count_noun="bar",
    )

    lines = [
        LineInput(items["Olive oil"].pk, "700", "g"),
        LineInput(items["Coconut oil"].pk, "300", "g"),
        LineInput(items["Sodium hydroxide"].pk, "143", "g"),
        LineInput(items["Distilled water"].pk, "330", "ml"),
        LineInput(items["Lavender essential oil"].pk, "30", "ml"),
        LineInput(items["Kraft soap box"].pk, "10", "each", "one box per bar"),
    ]
    recipe = create_recipe(
        name=RECIPE,
        category="soap",
        prefix="LAV",
        output_item_id=sku.item_id,
        actor_id=owner.pk,
        publish=True,
        content=VersionContent(
            yield_quantity="10",
            yield_unit="each",
            portion_name="bar",
            lines=lines,
            instructions="Mix lye into water. Blend with warmed oils to trace. Add lavender, pour, "
            "insulate 24 h, cut, cure 4 weeks.",
            tags=["cold process", "bestseller"],
            category_data={"superfat_pct": "5", "lye_concentration_pct": "30"},
            shelf_life_days=540,
            cure_days=28,
        ),
    )
    # v2 tweaks the lavender; v1 stays readable.
    v2 = save_draft(
        recipe=recipe,
        actor_id=owner.pk,
        content=VersionContent(
            yield_quantity="10",
            yield_unit="each",
            portion_name="bar",
            lines=[*lines[:4], LineInput(items["Lavender essential oil"].pk, "35", "ml"), lines[5]],
            instructions=recipe.current_version.instructions,
            tags=["cold process", "bestseller"],
            category_data={"superfat_pct": "5", "lye_concentration_pct": "30"},
            shelf_life_days=540,
            cure_days=28,
            change_note="A little more lavender",
        ),
    )
    publish_version(version=v2, actor_id=owner.pk)
    create_variation(base=recipe, variation_name="Unscented", actor_id=owner.pk)
    recipe.refresh_from_db()

    done = start_batch(batch=plan_batch(version=recipe.current_version, actor_id=owner.pk))
    add_note(batch=done, text="Reached trace in 6 minutes.", author_id=owner.pk)
    finish_batch(
        batch=done,
        actual_yield="10",
        outputs=[OutputInput(sku.item_id, "10")],
        actor_id=owner.pk,
    )
    record_sale(sku=sku, quantity="3", actor_id=owner.pk)
    deduct(sku=sku, kind="tester", quantity="1", actor_id=owner.pk)
    hold(sku=sku, quantity="2", note="Order 1001, Lavender Market", actor_id=owner.pk)

    running = start_batch(
        batch=plan_batch(version=recipe.current_version, factor=Decimal("1.5"), actor_id=owner.pk)
    )
    start_timer(batch=running, name="Gel phase", duration=timedelta(hours=24), actor_id=owner.pk)
    plan_batch(version=recipe.current_version, factor="2", note="For the market", actor_id=owner.pk)
