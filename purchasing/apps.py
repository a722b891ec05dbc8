from __future__ import annotations

from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "purchasing"
    verbose_name = "Suppliers and purchases"
