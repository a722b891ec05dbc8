"""Creating and editing items (not their stock: that is receive, consume, adjust). The rules for
each field live in `inventory.item_rules`; these services apply them and the rules that need the
database (unique names, library links, stock history, the tier's item limit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from batchtrack.field_rules import require_unique_name, write_unique_name
from batchtrack.glossary import quantity_words
from batchtrack.tenancy import active_tenant
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
from inventory.item_rules import LIBRARY_LOCKED_FIELDS, clean_item_fields
from inventory.models import Item, Movement, Reservation
from inventory.services._conversion import custom_unit_defs
from inventory.services._locks import lock_item


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
    usual_supplier_id: int | None = None,
    purchase_unit: str = "",
    count_noun: str = "",
    inci_name: str = "",
    allergens: list[str] | None = None,
    tags: list[str] | None = None,
) -> Item:
    """Create an item with no stock (stock arrives through `receive`).

    Validates every field and raises one InvalidItem listing each problem (`details["errors"]`, by
    field; also an archived or unknown usual supplier, a purchase unit that doesn't convert to the
    stock unit), DuplicateItemName if an active item already has the name (any case), and whatever
    billing.gates.lock_and_check_limit raises when the workspace's tier allows no more items.
    Locks the organization row (the item limit) until the transaction ends.
    """
    values = clean_item_fields(
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
            "usual_supplier_id": usual_supplier_id,
            "purchase_unit": purchase_unit,
            "count_noun": count_noun,
            "inci_name": inci_name,
            "allergens": allergens or [],
            "tags": tags or [],
        }
    )
    with transaction.atomic():
        gates.lock_and_check_limit(organization=organization, limit="items", count=_active_items)
        _check_buying(values, Item(**values))
        _require_unique_name(values["name"])
        return write_unique_name(
            lambda: Item.objects.create(**values), values["name"], duplicate_name_error
        )


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
    usual_supplier_id: int | None = UNSET,
    purchase_unit: str = UNSET,
    count_noun: str = UNSET,
    inci_name: str = UNSET,
    allergens: list[str] = UNSET,
    tags: list[str] = UNSET,
) -> Item:
    """Change the given fields of an item (omitted ones stay as they are) and return it, refreshed.

    Rules: while linked to the library (library_item_id set, and not changed by this call) the name,
    kind and density are locked (LibraryFieldLocked; pass library_item_id=None to unlink and edit in
    the same call). The stock unit can't change once the item has ledger history (StockUnitLocked).
    Stock tracking can't be turned off, nor the item archived, while it has stock or open reservations
    (ItemHasStock). Restoring an archived item counts against the tier's item limit
    (billing.gates.lock_and_check_limit, with `organization` or the current tenant). Locks the item
    row; when the call may restore the item (`is_archived=False`), the organization row first.
    Raises InvalidItem for invalid values (an archived usual supplier, a purchase unit that doesn't
    convert to the stock unit included) and DuplicateItemName.
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
            "usual_supplier_id": usual_supplier_id,
            "purchase_unit": purchase_unit,
            "count_noun": count_noun,
            "inci_name": inci_name,
            "allergens": allergens,
            "tags": tags,
        }.items()
        if value is not UNSET
    }
    values = clean_item_fields(given)
    with transaction.atomic():
        tenant = organization if organization is not None else active_tenant()
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
                f"{locked.name} still has {quantity_words(locked.on_hand, locked.stock_unit, locked.count_noun)} "
                f"on hand. Use it up, write it off or recount it to zero before turning off stock "
                f"tracking.",
                field="is_tracked",
            )
        if changes.get("is_archived") is True and (
            has_stock
            or Reservation.objects.filter(item=locked, status=Reservation.Status.OPEN).exists()
        ):
            raise ItemHasStock(
                f"{locked.name} still has {quantity_words(locked.on_hand, locked.stock_unit, locked.count_noun)} "
                f"on hand or reserved. Use it up, write it off or recount it to zero before archiving.",
                field="is_archived",
            )
        _check_buying(changes, locked)
        becomes_active = changes.get("is_archived") is False
        if becomes_active:
            gates.lock_and_check_limit(organization=tenant, limit="items", count=_active_items)
        if "name" in changes or becomes_active:
            _require_unique_name(changes.get("name", locked.name), exclude=locked.pk)
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.updated_at = timezone.now()
        write_unique_name(
            lambda: locked.save(update_fields=[*changes, "updated_at"]),
            locked.name,
            duplicate_name_error,
        )
    return locked


def _check_buying(values: dict[str, Any], item: Item) -> None:
    """The rules for how an item is bought that need the database: the usual supplier is one of the
    workspace's active suppliers; the purchase unit converts to the item's stock unit. Only the
    fields in `values` are checked (an update passes just what changes)."""
    from purchasing.models import Supplier

    errors: dict[str, str] = {}
    supplier_id = values.get("usual_supplier_id")
    if (
        supplier_id is not None
        and not Supplier.objects.filter(pk=supplier_id, is_archived=False).exists()
    ):
        errors["usual_supplier_id"] = (
            "That supplier is archived or no longer exists. Choose another one, or restore it."
        )
    unit = values.get("purchase_unit")
    if unit:
        stock_unit = values.get("stock_unit", item.stock_unit)
        try:
            units.conversion_factor(
                unit,
                stock_unit,
                density=values.get("density_g_per_ml", item.density_g_per_ml),
                custom_units=custom_unit_defs(unit),
                item_name=item.name,
            )
        except UnitError as exc:
            errors["purchase_unit"] = f"You can't buy {item.name} in {unit}: {exc.message}"
    if errors:
        raise InvalidItem(" ".join(errors.values()), field=next(iter(errors)), errors=errors)


def _active_items() -> int:
    return Item.objects.filter(is_archived=False).count()


def duplicate_name_error(name: str) -> DuplicateItemName:
    """The refusal for a name an active item already has (the import's dry run raises it too)."""
    return DuplicateItemName(
        f"You already have an item called {name}. Use that one, or give this one another name.",
        field="name",
    )


def _require_unique_name(name: str, exclude: int | None = None) -> None:
    require_unique_name(Item.objects.filter(is_archived=False), name, duplicate_name_error, exclude)
