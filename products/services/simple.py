"""Simple products: a product made with its one SKU in a single call, its code generated quietly.

A maker's first product is one thing at one price ("Olive Coconut Bar, $8"); variants, sizes and the
code pattern come later, when a second scent or size is asked for. Used by the product page's simple
form and, inside the finish transaction, by `batches.services.finish_batch` ("Make a new product for
these").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from batchtrack.errors import DomainError
from products.errors import InvalidProduct
from products.models import Product, Sku
from products.services.catalog import clean_product_name, create_product
from products.services.skus import create_sku, parse_price
from recipes.models import Recipe
from recipes.services import set_default_output


@dataclass(frozen=True)
class NewProduct:
    """A product to create with its one SKU: a name and an optional price (blank: 0, set it later)."""

    name: str
    price: Decimal | int | str = ""


def clean_new_product(new: NewProduct) -> NewProduct:
    """The same product with its name and price checked and cleaned, for a form that asks before the
    service runs. Raises one InvalidProduct naming every problem (a name, a price, a name in use)."""
    problems: list[str] = []
    field = None
    try:
        name = clean_product_name(new.name)
    except DomainError as exc:
        problems.append(exc.message)
        name, field = new.name, "name"
    else:
        taken = Product.objects.filter(name__iexact=name).values_list("name", flat=True).first()
        if taken is not None:
            problems.append(f"There is already a product called {taken}. Choose another name.")
            field = "name"
    price: Decimal | int | str = Decimal("0")
    if str(new.price).strip():
        try:
            price = parse_price(new.price)
        except DomainError as exc:
            problems.append(exc.message)
            field = field or "price"
    if problems:
        raise InvalidProduct(" ".join(problems), field=field, problems=problems)
    return NewProduct(name=name, price=price)


def create_simple_product(
    *,
    new: NewProduct,
    stock_unit: str = "each",
    recipe_id: int | None = None,
    shelf_life_days: int | None = None,
    count_noun: str = "",
) -> Sku:
    """Create a product and its one SKU (code from the product's name, made unique) in one
    transaction, joining the caller's if there is one. Raises InvalidProduct (every problem with the
    name and price at once), DuplicateProductName, and the SKU's and inventory's errors
    (InvalidItem for a unit, LimitReached); a refused call creates nothing."""
    cleaned = clean_new_product(new)
    with transaction.atomic():
        product = create_product(name=cleaned.name, recipe_id=recipe_id)
        return create_sku(
            product=product,
            price=cleaned.price,
            stock_unit=stock_unit,
            shelf_life_days=shelf_life_days,
            count_noun=count_noun,
        )


def create_recipe_product(*, recipe_id: int, new: NewProduct) -> Sku:
    """Create a product with its one SKU for a recipe and make it where the recipe's finished
    batches go, in one transaction. The SKU is kept in the recipe's yield unit ("each" for counted
    bars). Raises Recipe.DoesNotExist, RecipeArchived and `create_simple_product`'s errors; a refused
    call creates nothing and leaves the recipe as it was."""
    recipe = Recipe.objects.select_related("current_version").get(pk=recipe_id)
    version = recipe.current_version
    unit = (version.yield_unit if version is not None else "") or "each"
    with transaction.atomic():
        sku = create_simple_product(
            new=new,
            stock_unit=unit,
            recipe_id=recipe.pk,
            count_noun=version.portion_name if version is not None else "",
        )
        set_default_output(recipe_id=recipe.pk, item_id=sku.item_id)
    return sku
