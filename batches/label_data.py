"""What a batch's label says, read from what the batch really consumed (its draws), the items'
label facts and the ingredient library; and the IFRA check of a planned batch. The rules
themselves are the pure functions of `batches.labels`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core import signing
from django.db import connection
from django.db.models import Min, Sum

from batches.labels import FragranceLoad, LabelIngredient, LabelList, ifra_warnings, label_list
from batches.models import Batch, BatchDraw, LabelSettings
from batchtrack.errors import DomainError
from inventory import units
from inventory.display import format_amount
from inventory.models import Item
from inventory.services import IFRA_CATEGORIES
from library.models import LibraryItem

# Soap is washed off; everything else a maker labels here is treated as left on the skin (the
# stricter allergen threshold).
RINSE_OFF_CATEGORIES = {"soap"}


@dataclass(frozen=True)
class BatchLabel:
    product: str
    code: str
    net_quantity: str
    best_before: datetime | None
    ingredients: LabelList | None
    problems: tuple[str, ...]
    rinse_off: bool


def grams(item: Item, quantity: Decimal) -> Decimal | None:
    """`quantity` of `item` (its stock unit) in grams; None for counted items or a volume without
    a density."""
    try:
        if units.resolve_unit(item.stock_unit).dimension == units.Dimension.COUNT:
            return None
        return units.convert(quantity, item.stock_unit, "g", density=item.density_g_per_ml)
    except DomainError:
        return None


def _library(items: list[Item]) -> dict[int, LibraryItem]:
    ids = [i.library_item_id for i in items if i.library_item_id]
    return LibraryItem.objects.in_bulk(ids) if ids else {}


def _allergens(item: Item, source: LibraryItem | None) -> dict[str, Decimal]:
    content = item.allergen_content or (source.allergen_content if source else {}) or {}
    return {name: Decimal(str(pct)) for name, pct in content.items()}


def label_for(batch: Batch) -> BatchLabel:
    """The label of a finished batch (see the module docstring)."""
    used = (
        BatchDraw.objects.filter(batch=batch)
        .values("item_id")
        .annotate(quantity=Sum("quantity"))
        .order_by("item_id")
    )
    items = Item.objects.in_bulk([row["item_id"] for row in used])
    library = _library(list(items.values()))
    problems: list[str] = []
    found: list[LabelIngredient] = []
    for row in used:
        item = items[row["item_id"]]
        if item.kind not in (Item.Kind.INGREDIENT, Item.Kind.INTERMEDIATE):
            continue
        weight = grams(item, row["quantity"])
        if weight is None:
            problems.append(
                f"{item.name} is kept in {item.stock_unit} with no density, so it can't be "
                "weighed for the list. Give it a density and it takes its place."
            )
            continue
        source = library.get(item.library_item_id) if item.library_item_id else None
        inci = item.inci_name or (source.inci_name if source else "")
        if not inci:
            problems.append(f"{item.name} has no INCI name, so its own name is listed.")
            inci = item.name
        found.append(LabelIngredient(inci, weight, _allergens(item, source)))
    rinse_off = batch.recipe.category in RINSE_OFF_CATEGORIES
    listed = label_list(found, rinse_off=rinse_off) if found else None
    outputs = list(batch.outputs.select_related("item", "container"))
    best_before = batch.outputs.aggregate(first=Min("lot__expires_at"))["first"]
    return BatchLabel(
        product=outputs[0].item.name if outputs else batch.recipe_name,
        code=batch.code or "",
        net_quantity=_net(batch, outputs),
        best_before=best_before,
        ingredients=listed,
        problems=tuple(problems),
        rinse_off=rinse_off,
    )


def _net(batch: Batch, outputs) -> str:
    for output in outputs:
        if output.container and output.container.capacity:
            return f"{format_amount(output.container.capacity)} {output.container.capacity_unit}"
    if batch.actual_yield and batch.portion_name:
        return ""
    if batch.actual_yield:
        return f"{format_amount(batch.actual_yield)} {batch.yield_unit}"
    return ""


def ifra_check(batch: Batch) -> list[str]:
    """Plain warnings for fragrances above the maximum their maker set for the recipe's category,
    from the batch's planned lines (shown before it starts)."""
    category = batch.recipe.category
    if category not in IFRA_CATEGORIES:
        return []
    total = Decimal("0")
    loads: list[FragranceLoad] = []
    for line in batch.lines.select_related("item"):
        weight = grams(line.item, line.stock_quantity)
        if weight is None:
            continue
        total += weight
        limit = (line.item.ifra_limits or {}).get(category)
        if limit is not None:
            loads.append(FragranceLoad(line.item.name, weight, Decimal(str(limit))))
    label = IFRA_CATEGORIES[category]
    return ifra_warnings(loads, batch_grams=total, product=label[:1].lower() + label[1:])


def public_records_on() -> bool:
    return LabelSettings.objects.filter(pk=1, public_records=True).exists()


def _salt() -> str:
    return f"public-batch-record:{connection.schema_name}"


def public_token(batch: Batch) -> str:
    return signing.dumps(batch.pk, salt=_salt())


def batch_from_token(token: str) -> Batch:
    """The finished batch a public token names, when the workspace publishes records; raises
    Batch.DoesNotExist otherwise (a bad or foreign token too)."""
    try:
        pk = signing.loads(token, salt=_salt())
    except signing.BadSignature:
        raise Batch.DoesNotExist("bad token")
    if not public_records_on():
        raise Batch.DoesNotExist("records are private")
    return Batch.objects.select_related("recipe").get(pk=pk, status=Batch.Status.FINISHED)
