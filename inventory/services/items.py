"""Creating and editing items (not their stock: that is receive, consume, adjust)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from billing import gates
from inventory import units
from inventory.errors import (
    DuplicateItemName,
    InvalidItem,
    ItemHasStock,
    LibraryFieldLocked,
    StockUnitLocked,
    UnitError,
)
from inventory.models import Item, Movement, Reservation
from inventory.services._locks import lock_item

# Fields that come from the global ingredient library and stay locked while an item is linked to it.
LIBRARY_LOCKED_FIELDS = ("name", "kind", "density_g_per_ml")
MAX_DENSITY = Decimal("100")  # g/ml; osmium is 22.6
MAX_SHELF_LIFE_DAYS = 36500


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def create_item(
    *,
    organization,
    name: str,
    stock_unit: str,
    kind: str = Item.Kind.INGREDIENT,
    category: str = "",
    density_g_per_ml: Decimal | int | str | None = None,
    shelf_life_days: int | None = None,
    low_stock_threshold: Decimal | int | str = 0,
    is_tracked: bool = True,
    untracked_unit_cost: Decimal | int | str = 0,
    library_item_id: int | None = None,
    notes: str = "",
) -> Item:
    """Create an item with no stock (stock arrives through `receive`).

    Validates every field and raises one InvalidItem listing each problem (`details["errors"]`, by
    field), DuplicateItemName if an active item already has the name (any case), and whatever
    billing.gates.lock_and_check_limit raises when the workspace's tier allows no more items.
    Locks the organization row (the item limit) until the transaction ends.
    """
    values = _validated(
        {
            "name": name,
            "stock_unit": stock_unit,
            "kind": kind,
            "category": category,
            "density_g_per_ml": density_g_per_ml,
            "shelf_life_days": shelf_life_days,
            "low_stock_threshold": low_stock_threshold,
            "is_tracked": is_tracked,
            "untracked_unit_cost": untracked_unit_cost,
            "library_item_id": library_item_id,
            "notes": notes,
        }
    )
    with transaction.atomic():
        gates.lock_and_check_limit(organization=organization, limit="items", count=_active_items)
        _require_unique_name(values["name"])
        try:
            with transaction.atomic():
                return Item.objects.create(**values)
        except IntegrityError:
            # Someone created the same name between our check and insert.
            raise _duplicate(values["name"])


def update_item(
    *,
    item: Item | int,
    organization=None,
    name: str = UNSET,
    stock_unit: str = UNSET,
    kind: str = UNSET,
    category: str = UNSET,
    density_g_per_ml: Decimal | int | str | None = UNSET,
    shelf_life_days: int | None = UNSET,
    low_stock_threshold: Decimal | int | str = UNSET,
    is_tracked: bool = UNSET,
    untracked_unit_cost: Decimal | int | str = UNSET,
    library_item_id: int | None = UNSET,
    notes: str = UNSET,
    is_archived: bool = UNSET,
) -> Item:
    """Change the given fields of an item (omitted ones stay as they are) and return it, refreshed.

    Rules: while linked to the library (library_item_id set, and not changed by this call) the name,
    kind and density are locked (LibraryFieldLocked; pass library_item_id=None to unlink and edit in
    the same call). The stock unit can't change once the item has ledger history (StockUnitLocked).
    Stock tracking can't be turned off, nor the item archived, while it has stock or open reservations
    (ItemHasStock). Restoring an archived item counts against the tier's item limit
    (billing.gates.lock_and_check_limit, with `organization` or the current tenant). Locks the item
    row; when the call may restore the item (`is_archived=False`), the organization row first.
    Raises InvalidItem for invalid values and DuplicateItemName.
    """
    given = {
        key: value
        for key, value in {
            "name": name,
            "stock_unit": stock_unit,
            "kind": kind,
            "category": category,
            "density_g_per_ml": density_g_per_ml,
            "shelf_life_days": shelf_life_days,
            "low_stock_threshold": low_stock_threshold,
            "is_tracked": is_tracked,
            "untracked_unit_cost": untracked_unit_cost,
            "library_item_id": library_item_id,
            "notes": notes,
            "is_archived": is_archived,
        }.items()
        if value is not UNSET
    }
    values = _validated(given)
    with transaction.atomic():
        tenant = organization if organization is not None else connection.tenant
        if values.get("is_archived") is False:
            # The organization before the item, as every limit check takes them: the other order
            # deadlocks against a service holding the organization and waiting for this item.
            # The limit is checked below, once we know the item really comes back.
            gates.lock_organization(tenant)
        locked = lock_item(item)
        changes = {key: value for key, value in values.items() if getattr(locked, key) != value}
        if not changes:
            return locked
        stays_linked = locked.library_item_id is not None and "library_item_id" not in changes
        if stays_linked:
            touched = [field for field in LIBRARY_LOCKED_FIELDS if field in changes]
            if touched:
                raise LibraryFieldLocked(
                    f"{locked.name} comes from the ingredient library, so its name, kind and density "
                    f"are locked. Unlink it from the library to edit them.",
                    field=touched[0],
                    fields=touched,
                )
        if "stock_unit" in changes and Movement.objects.filter(item=locked).exists():
            raise StockUnitLocked(
                f"{locked.name} already has stock history in {locked.stock_unit}, so its stock unit "
                f"can't change. Create a new item for stock kept in {changes['stock_unit']}.",
                field="stock_unit",
            )
        has_stock = locked.on_hand > 0 or locked.reserved > 0
        if changes.get("is_tracked") is False and has_stock:
            raise ItemHasStock(
                f"{locked.name} still has {units.format_amount(locked.on_hand)} {locked.stock_unit} "
                f"on hand. Use it up, write it off or recount it to zero before turning off stock "
                f"tracking.",
                field="is_tracked",
            )
        if changes.get("is_archived") is True and (
            has_stock
            or Reservation.objects.filter(item=locked, status=Reservation.Status.OPEN).exists()
        ):
            raise ItemHasStock(
                f"{locked.name} still has {units.format_amount(locked.on_hand)} {locked.stock_unit} "
                f"on hand or reserved. Use it up, write it off or recount it to zero before archiving.",
                field="is_archived",
            )
        becomes_active = changes.get("is_archived") is False
        if becomes_active:
            gates.lock_and_check_limit(organization=tenant, limit="items", count=_active_items)
        if "name" in changes or becomes_active:
            _require_unique_name(changes.get("name", locked.name), exclude=locked.pk)
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.updated_at = timezone.now()
        try:
            with transaction.atomic():
                locked.save(update_fields=[*changes, "updated_at"])
        except IntegrityError:
            raise _duplicate(locked.name)
    return locked


def _active_items() -> int:
    return Item.objects.filter(is_archived=False).count()


def _duplicate(name: str) -> DuplicateItemName:
    return DuplicateItemName(
        f"You already have an item called {name}. Use that one, or give this one another name.",
        field="name",
    )


def _require_unique_name(name: str, exclude: int | None = None) -> None:
    clash = Item.objects.filter(is_archived=False, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise _duplicate(name)


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    """Clean the given fields; collect every problem and raise one InvalidItem."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    def amount(key: str, label: str, *, allow_zero: bool, maximum=units.MAX_AMOUNT):
        try:
            return units.parse_amount(
                values[key], field=key, allow_zero=allow_zero, label=label, maximum=maximum
            )
        except UnitError as exc:
            errors[key] = exc.message
            return None

    if "name" in values:
        name = " ".join(str(values["name"] or "").split())
        if not name:
            errors["name"] = "Give the item a name."
        elif len(name) > 120:
            errors["name"] = "The name can be at most 120 characters long."
        clean["name"] = name
    if "stock_unit" in values:
        try:
            clean["stock_unit"] = units.canonical_unit_code(values["stock_unit"])
        except UnitError:
            errors["stock_unit"] = (
                f"'{values['stock_unit']}' can't be a stock unit. Keep stock in one of "
                f"{', '.join(units.STANDARD_UNIT_CODES)}."
            )
    if "kind" in values:
        if values["kind"] not in Item.Kind.values:
            errors["kind"] = f"Choose what the item is: {', '.join(Item.Kind.values)}."
        clean["kind"] = values["kind"]
    if "category" in values:
        clean["category"] = " ".join(str(values["category"] or "").split())[:60]
    if "notes" in values:
        clean["notes"] = str(values["notes"] or "")
    if "density_g_per_ml" in values:
        if values["density_g_per_ml"] in (None, ""):
            clean["density_g_per_ml"] = None
        else:
            density = amount("density_g_per_ml", "density", allow_zero=False, maximum=MAX_DENSITY)
            if density is not None:
                clean["density_g_per_ml"] = units.to_storage(density)
    if "shelf_life_days" in values:
        days = values["shelf_life_days"]
        if days in (None, ""):
            clean["shelf_life_days"] = None
        elif (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 1 <= days <= MAX_SHELF_LIFE_DAYS
        ):
            errors["shelf_life_days"] = (
                f"Shelf life is a whole number of days from 1 to {MAX_SHELF_LIFE_DAYS}, or empty."
            )
        else:
            clean["shelf_life_days"] = days
    if "low_stock_threshold" in values:
        threshold = amount("low_stock_threshold", "low-stock threshold", allow_zero=True)
        if threshold is not None:
            clean["low_stock_threshold"] = units.to_storage(threshold)
    if "untracked_unit_cost" in values:
        cost = amount("untracked_unit_cost", "cost", allow_zero=True, maximum=units.MAX_COST)
        if cost is not None:
            clean["untracked_unit_cost"] = units.to_storage(cost)
    for flag in ("is_tracked", "is_archived"):
        if flag in values:
            if not isinstance(values[flag], bool):
                errors[flag] = "Choose yes or no."
            clean[flag] = values[flag]
    if "library_item_id" in values:
        link = values["library_item_id"]
        if link is not None and (isinstance(link, bool) or not isinstance(link, int) or link <= 0):
            errors["library_item_id"] = "That isn't a library item."
        clean["library_item_id"] = link
    if errors:
        raise InvalidItem(" ".join(errors.values()), field=next(iter(errors)), errors=errors)
    return clean
