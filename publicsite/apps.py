from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublicSiteConfig(AppConfig):
    name = "publicsite"
    verbose_name = "Public site"

    def ready(self) -> None:
        post_migrate.connect(_sync_help_articles, sender=self)


def _sync_help_articles(sender, using="default", **kwargs) -> None:
    """After migrating the public schema, copy the help articles into their search table (a new
    workspace's schema has no such table, and needs none)."""
    from django.db import connections

    from batchtrack.tenancy import active_schema_name
    from publicsite.services import sync_help_articles

    if connections[using].schema_name == "public" and active_schema_name() == "public":
        sync_help_articles()
