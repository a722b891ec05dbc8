from __future__ import annotations

from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "sales"
    verbose_name = "Customers and orders"
