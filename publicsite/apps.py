from __future__ import annotations

from django.apps import AppConfig


class PublicSiteConfig(AppConfig):
    name = "publicsite"
    verbose_name = "Public site"
