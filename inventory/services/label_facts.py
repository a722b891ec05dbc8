"""An item's label facts: its INCI name, its EU allergen content and (for a fragrance) the IFRA
maximum per product category. They move no stock; the labels and the IFRA check read them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.services._locks import lock_item
from library.allergens import allergen_name

# Recipe categories whose products an IFRA limit applies to, with the IFRA class they fall in.
IFRA_CATEGORIES = {
    "soap": "Soap (rinse-off, IFRA category 9)",
    "candle": "Candle (IFRA category 12)",
    "cosmetic": "Cosmetic left on the skin (IFRA category 5A)",
}


def set_label_facts(
    *,
    item: Item | int,
    inci_name: str,
    allergen_content: Mapping[str, object],
    ifra_limits: Mapping[str, object],
) -> Item:
    """Replace the item's INCI name, allergen content (allergen -> % by weight, one of the EU's
    26) and IFRA limits (recipe category -> maximum %). Blank values are left out. Locks the item.
    Raises InvalidItem naming every problem; nothing changes then."""
    errors: dict[str, str] = {}
    inci = " ".join((inci_name or "").split())
    if len(inci) > 255:
        errors["inci_name"] = "An INCI name is at most 255 characters."
    content: dict[str, str] = {}
    for raw_name, raw_pct in allergen_content.items():
        if raw_pct is None or str(raw_pct).strip() == "":
            continue
        name = allergen_name(str(raw_name))
        if name is None:
            errors["allergen_content"] = (
                f"{raw_name} isn't one of the EU's 26 fragrance allergens; use its INCI name, "
                "such as Linalool."
            )
            continue
        pct = _pct(raw_pct)
        if pct is None:
            errors["allergen_content"] = f"{name}: give a percentage from 0 to 100."
            continue
        content[name] = pct
    limits: dict[str, str] = {}
    for category, raw_pct in ifra_limits.items():
        if raw_pct is None or str(raw_pct).strip() == "":
            continue
        pct = _pct(raw_pct)
        if category not in IFRA_CATEGORIES or pct is None or Decimal(pct) == 0:
            errors["ifra_limits"] = "Give each IFRA maximum as a percentage above 0, up to 100."
            continue
        limits[category] = pct
    if errors:
        raise InvalidItem(" ".join(errors.values()), field=next(iter(errors)), errors=errors)
    with transaction.atomic():
        locked = lock_item(item)
        locked.inci_name, locked.allergen_content, locked.ifra_limits = inci, content, limits
        locked.updated_at = timezone.now()
        locked.save(update_fields=["inci_name", "allergen_content", "ifra_limits", "updated_at"])
    return locked


def _pct(raw: object) -> str | None:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 <= value <= 100:
        return None
    return format(value.normalize(), "f")
