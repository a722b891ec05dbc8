"""Creating and editing suppliers. The field rules live in `purchasing.supplier_rules`; these services
apply them and the rules that need the database (one active supplier per name)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from batchtrack.field_rules import require_unique_name, write_unique_name
from inventory.services import UNSET
from purchasing.errors import DuplicateSupplierName
from purchasing.models import Supplier
from purchasing.supplier_rules import clean_supplier_fields


def create_supplier(
    *,
    name: str,
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    notes: str = "",
    lead_time_days: int | None = None,
) -> Supplier:
    """Add a supplier to the directory. Raises InvalidSupplier (every problem, by field) and
    DuplicateSupplierName when an active supplier already has the name (any case)."""
    values = clean_supplier_fields(
        {
            "name": name,
            "contact_name": contact_name,
            "email": email,
            "phone": phone,
            "website": website,
            "notes": notes,
            "lead_time_days": lead_time_days,
        }
    )
    with transaction.atomic():
        _require_unique_name(values["name"])
        return write_unique_name(
            lambda: Supplier.objects.create(**values), values["name"], _duplicate
        )


def update_supplier(
    *,
    supplier: Supplier | int,
    name: str = UNSET,
    contact_name: str = UNSET,
    email: str = UNSET,
    phone: str = UNSET,
    website: str = UNSET,
    notes: str = UNSET,
    lead_time_days: int | None = UNSET,
    is_archived: bool = UNSET,
) -> Supplier:
    """Change the given fields (omitted ones stay) and return the supplier. Archiving keeps it on
    old receipts and lots but out of the lists new receipts and items choose from; restoring needs
    its name to be free among active suppliers. Locks the supplier row. Raises InvalidSupplier,
    DuplicateSupplierName and Supplier.DoesNotExist."""
    given: dict[str, Any] = {
        key: value
        for key, value in {
            "name": name,
            "contact_name": contact_name,
            "email": email,
            "phone": phone,
            "website": website,
            "notes": notes,
            "lead_time_days": lead_time_days,
            "is_archived": is_archived,
        }.items()
        if value is not UNSET
    }
    values = clean_supplier_fields(given)
    pk = supplier.pk if isinstance(supplier, Supplier) else supplier
    with transaction.atomic():
        locked = Supplier.objects.select_for_update().get(pk=pk)
        changes = {key: value for key, value in values.items() if getattr(locked, key) != value}
        if not changes:
            return locked
        stays_active = not changes.get("is_archived", locked.is_archived)
        if stays_active and ("name" in changes or "is_archived" in changes):
            _require_unique_name(changes.get("name", locked.name), exclude=locked.pk)
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.updated_at = timezone.now()
        write_unique_name(
            lambda: locked.save(update_fields=[*changes, "updated_at"]), locked.name, _duplicate
        )
    return locked


def _duplicate(name: str) -> DuplicateSupplierName:
    return DuplicateSupplierName(
        f"You already have a supplier called {name}. Use that one, or give this one another name.",
        field="name",
    )


def _require_unique_name(name: str, exclude: int | None = None) -> None:
    require_unique_name(Supplier.objects.filter(is_archived=False), name, _duplicate, exclude)
