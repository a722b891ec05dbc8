"""SKUs: one sellable combination of a product, variant and size, with a unique code and a price, backed
by an inventory item of kind product (created through inventory's `create_item`, in the same
transaction), so its lots, FIFO, ledger and reservations are inventory's own."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from batchtrack.tenancy import active_tenant
from inventory import units
from inventory.errors import DuplicateItemName, UnitError
from inventory.models import Item
from inventory.services import create_item, update_item
from products.errors import DuplicateOption, DuplicateSkuCode, InvalidSku
from products.models import Product, Size, Sku, Variant

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9\-_.]{0,39}$")
MAX_PRICE = Decimal("9999999999.99")


def pattern_code(product: Product, variant: Variant | None, size: Size | None) -> str:
    """The product's SKU pattern filled in: "{product}-{variant}-{size}" -> "LAVSOA-LAV-4OZ"; parts
    left empty drop out with their separator."""
    parts = {
        "{product}": product.code,
        "{variant}": variant.code if variant else "",
        "{size}": size.code if size else "",
    }
    code = product.sku_pattern
    for token, value in parts.items():
        code = code.replace(token, value)
    code = re.sub(r"([\-_.])[\-_.]+", r"\1", code).strip("-_.")
    return code.upper()[:40] or product.code


def suggest_sku_code(product: Product, variant: Variant | None, size: Size | None) -> str:
    """The pattern's code, or with -2, -3... appended when another SKU already has it."""
    wanted = pattern_code(product, variant, size)
    taken = {
        c.upper()
        for c in Sku.objects.filter(code__istartswith=wanted).values_list("code", flat=True)
    }
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted[: 40 - len(str(n)) - 1]}-{n}" in taken:
        n += 1
    return f"{wanted[: 40 - len(str(n)) - 1]}-{n}"


def clean_sku_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise InvalidSku(
            "A product code is 1 to 40 letters, digits, dashes, dots or underscores, starting with a "
            "letter or digit.",
            field="code",
        )
    return code


def parse_price(price: Decimal | int | str) -> Decimal:
    if isinstance(price, float):
        raise TypeError("Pass prices as Decimal, int or str, never float.")
    try:
        value = price if isinstance(price, Decimal) else Decimal(str(price).strip())
    except (InvalidOperation, ValueError):
        raise InvalidSku("Enter the price as a number, for example 8.50.", field="price")
    if not value.is_finite() or value < 0:
        raise InvalidSku("The price must be zero or more.", field="price")
    try:
        # Prices are kept in cents: a positive price that rounds to zero there is refused.
        units.parse_amount(
            value,
            field="price",
            label="price",
            allow_zero=True,
            maximum=MAX_PRICE,
            places=units.CENT,
        )
    except UnitError as exc:
        raise InvalidSku(exc.message, field="price")
    if value > MAX_PRICE or value != value.quantize(Decimal("0.01")):
        raise InvalidSku("Enter the price in whole cents, for example 8.50.", field="price")
    return value.quantize(Decimal("0.01"))


def create_sku(
    *,
    product: Product,
    price: Decimal | int | str,
    variant: Variant | None = None,
    size: Size | None = None,
    code: str = "",
    stock_unit: str = "each",
    shelf_life_days: int | None = None,
    count_noun: str = "",
) -> Sku:
    """Create a SKU and its inventory item (kind product) in one transaction; `count_noun` names
    what the item counts ("bar": "10 bars", batchtrack.glossary).

    `code` blank takes the product's pattern (made unique with -2, -3...). Raises InvalidSku,
    DuplicateSkuCode (also when a concurrent call takes the same code first), DuplicateOption (the
    combination has a SKU already) and inventory's InvalidItem / LimitReached.
    """
    if variant is not None and variant.product_id != product.pk:
        raise InvalidSku(f"{variant.name} is not a variant of {product.name}.", field="variant")
    if size is not None and size.product_id != product.pk:
        raise InvalidSku(f"{size.name} is not a size of {product.name}.", field="size")
    if product.is_archived:
        raise InvalidSku(f"{product.name} is archived; restore it before adding sizes or variants.")
    price = parse_price(price)
    code = clean_sku_code(code) if code else suggest_sku_code(product, variant, size)
    _require_free_code(code)
    if Sku.objects.filter(product=product, variant=variant, size=size).exists():
        raise _duplicate_combination(product, variant, size)
    label = " · ".join(p for p in (product.name, variant and variant.name, size and size.name) if p)
    try:
        with transaction.atomic():
            item = create_item(
                organization=active_tenant(),
                name=f"{label} ({code})"[:120],
                stock_unit=stock_unit,
                kind=Item.Kind.PRODUCT,
                category=product.category,
                shelf_life_days=shelf_life_days,
                count_noun=count_noun,
            )
            return Sku.objects.create(
                product=product, variant=variant, size=size, code=code, price=price, item=item
            )
    except (IntegrityError, DuplicateItemName):
        # A concurrent call committed first: say which rule it broke.
        _require_free_code(code)
        if Sku.objects.filter(product=product, variant=variant, size=size).exists():
            raise _duplicate_combination(product, variant, size)
        raise


def update_sku(*, sku: Sku, code: str, price: Decimal | int | str) -> Sku:
    """Change a SKU's code and price (its item is renamed to match). Raises InvalidSku and
    DuplicateSkuCode."""
    code = clean_sku_code(code)
    price = parse_price(price)
    try:
        with transaction.atomic():
            locked = Sku.objects.select_for_update().select_related("item").get(pk=sku.pk)
            _require_free_code(code, exclude=locked.pk)
            if code != locked.code:
                update_item(
                    item=locked.item,
                    name=locked.item.name.replace(f"({locked.code})", f"({code})")[:120],
                )
            locked.code, locked.price = code, price
            locked.save(update_fields=["code", "price"])
    except (IntegrityError, DuplicateItemName):
        _require_free_code(code, exclude=sku.pk)
        raise
    return locked


def _require_free_code(code: str, exclude: int | None = None) -> None:
    clash = (
        Sku.objects.filter(code__iexact=code)
        # exclude(pk=None) excludes nothing, as meant; the stubs reject None for pk.
        .exclude(pk=exclude)  # type: ignore[misc]
        .select_related("product")
        .first()
    )
    if clash is not None:
        raise DuplicateSkuCode(
            f"The code {code} is already used by {clash.product.name}. Choose another code.",
            field="code",
            code=code,
        )


def _duplicate_combination(product, variant, size) -> DuplicateOption:
    parts = " and ".join(p.name for p in (variant, size) if p) or "no variant or size"
    return DuplicateOption(
        f"{product.name} already has a SKU for {parts}. Edit that SKU instead.", field="variant"
    )
