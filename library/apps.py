"""The global ingredient library lives in the public schema, so it is a shared app of its own."""

from __future__ import annotations

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = "Global ingredient library"
