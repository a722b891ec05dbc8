"""Products, variants and sizes: the catalogue a SKU is one combination of."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from inventory.models import Item
from products.errors import DuplicateOption, DuplicateProductName, InvalidProduct
from products.models import DEFAULT_SKU_PATTERN, Product, Size, Variant
from recipes.models import Recipe

PATTERN_TOKENS = ("{product}", "{variant}", "{size}")


def short_code(text: str, length: int = 6) -> str:
    """An upper-case code from a name: "Lavender Oatmeal" -> "LAVOAT", "4 oz tin" -> "4OZTIN"."""
    words = re.findall(r"[A-Za-z0-9]+", text.upper())
    if not words:
        return "X"
    if len(words) == 1 or len("".join(words)) <= length:
        return "".join(words)[:length]
    per_word = max(1, length // len(words))
    return "".join(word[:per_word] for word in words)[:length]


def _clean_code(code: str, label: str) -> str:
    code = (code or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{1,12}", code):
        raise InvalidProduct(f"The {label} code is 1 to 12 letters or digits.", field="code")
    return code


def _clean_name(name: str, label: str, maximum: int) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidProduct(f"Give the {label} a name.", field="name")
    if len(name) > maximum:
        raise InvalidProduct(f"A {label} name is at most {maximum} characters.", field="name")
    return name


def clean_product_name(name: str) -> str:
    """A product's name as stored; raises InvalidProduct when it is empty or too long."""
    return _clean_name(name, "product", 100)


def _clean_pattern(pattern: str) -> str:
    pattern = (pattern or "").strip() or DEFAULT_SKU_PATTERN
    if "{product}" not in pattern:
        raise InvalidProduct(
            "The code pattern must contain {product}, for example {product}-{variant}-{size}.",
            field="sku_pattern",
        )
    leftover = pattern
    for token in PATTERN_TOKENS:
        leftover = leftover.replace(token, "")
    if "{" in leftover or "}" in leftover or not re.fullmatch(r"[A-Za-z0-9\-_.]*", leftover):
        raise InvalidProduct(
            "Use only {product}, {variant}, {size}, letters, digits and - _ . in the code pattern.",
            field="sku_pattern",
        )
    return pattern[:60]


def create_product(
    *,
    name: str,
    category: str = "",
    description: str = "",
    code: str = "",
    sku_pattern: str = DEFAULT_SKU_PATTERN,
    recipe_id: int | None = None,
) -> Product:
    """Create a product. Raises InvalidProduct and DuplicateProductName."""
    name = _clean_name(name, "product", 100)
    product = Product(
        name=name,
        code=_clean_code(code, "product") if code else short_code(name),
        category=(category or "").strip()[:60],
        description=(description or "").strip(),
        sku_pattern=_clean_pattern(sku_pattern),
        recipe=_recipe(recipe_id),
    )
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise DuplicateProductName(
            f"There is already a product called {name}. Choose another name.", field="name"
        )
    return product


def update_product(
    *,
    product: Product,
    name: str,
    category: str = "",
    description: str = "",
    code: str = "",
    sku_pattern: str = DEFAULT_SKU_PATTERN,
    recipe_id: int | None = None,
) -> Product:
    """Change a product's details; existing SKU codes stay as they are. Raises InvalidProduct and
    DuplicateProductName."""
    name = _clean_name(name, "product", 100)
    values = {
        "name": name,
        "code": _clean_code(code, "product") if code else short_code(name),
        "category": (category or "").strip()[:60],
        "description": (description or "").strip(),
        "sku_pattern": _clean_pattern(sku_pattern),
        "recipe": _recipe(recipe_id),
    }
    try:
        with transaction.atomic():
            locked = Product.objects.select_for_update().get(pk=product.pk)
            for key, value in values.items():
                setattr(locked, key, value)
            locked.save()
    except IntegrityError:
        raise DuplicateProductName(
            f"There is already a product called {name}. Choose another name.", field="name"
        )
    return locked


def add_variant(*, product: Product, name: str, code: str = "") -> Variant:
    """Add a variant (a scent, a colour). Raises InvalidProduct and DuplicateOption."""
    name = _clean_name(name, "variant", 60)
    variant = Variant(
        product=product, name=name, code=_clean_code(code, "variant") if code else short_code(name)
    )
    return _save_option(variant, product, name, "variant")


def add_size(
    *, product: Product, name: str, code: str = "", container_id: int | None = None
) -> Size:
    """Add a size or container ("4 oz tin"), optionally naming its container item."""
    name = _clean_name(name, "size", 60)
    container = None
    if container_id is not None:
        container = Item.objects.filter(pk=container_id, is_archived=False).first()
        if container is None:
            raise InvalidProduct(
                "Choose the container from this workspace's active items.", field="container"
            )
    size = Size(
        product=product,
        name=name,
        code=_clean_code(code, "size") if code else short_code(name),
        container=container,
    )
    return _save_option(size, product, name, "size")


def _save_option(option, product: Product, name: str, label: str):
    try:
        with transaction.atomic():
            option.save()
    except IntegrityError:
        raise DuplicateOption(f"{product.name} already has a {label} called {name}.", field="name")
    return option


def _recipe(recipe_id: int | None) -> Recipe | None:
    if recipe_id is None:
        return None
    recipe = Recipe.objects.filter(pk=recipe_id).first()
    if recipe is None:
        raise InvalidProduct("Choose a recipe of this workspace.", field="recipe")
    return recipe
