from __future__ import annotations

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"

    def ready(self) -> None:
        from billing.usage import register_counter
        from inventory.models import Item

        # Archived items don't count toward the limit, as in create_item's check.
        register_counter(
            "items", lambda organization: Item.objects.filter(is_archived=False).count()
        )
