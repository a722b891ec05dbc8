"""Demo purchasing data for `seed_demo`: the suppliers the demo's lots name, in the directory, and the
demo items linked to their usual supplier (olive oil bought by the kilogram).

Idempotent: suppliers are reused by name. Every write goes through the services. No receipt is made,
so the demo's stock and costs stay as the production demo left them.
"""

from __future__ import annotations

from inventory.models import Item
from inventory.services import update_item
from purchasing.models import Supplier
from purchasing.services import create_supplier

# name, contact, email, lead time in days, items usually bought there (name, purchase unit)
SUPPLIERS = [
    ("Oleo Co.", "Marta Ruiz", "orders@oleo.example", 5, [("Olive oil", "kg")]),
    ("Tropic Fats", "", "sales@tropicfats.example", 10, [("Coconut oil", "kg")]),
    ("ChemCo", "", "", 3, [("Sodium hydroxide", "kg")]),
    ("Provence EO", "Luc Martin", "", 14, [("Lavender essential oil", "")]),
    ("BoxMakers", "", "", 7, [("Kraft soap box", "")]),
]


def seed(*, organization, owner) -> None:
    for name, contact, email, lead_time, items in SUPPLIERS:
        supplier = Supplier.objects.filter(name__iexact=name, is_archived=False).first()
        if supplier is None:
            supplier = create_supplier(
                name=name, contact_name=contact, email=email, lead_time_days=lead_time
            )
        for item_name, unit in items:
            item = Item.objects.filter(name__iexact=item_name, is_archived=False).first()
            if item is not None and item.usual_supplier_id is None:
                update_item(
                    item=item,
                    organization=organization,
                    usual_supplier_id=supplier.pk,
                    purchase_unit=unit,
                )
