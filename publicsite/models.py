"""Public-schema rows of the public site: help articles (synced from the Markdown files for search),
waitlist sign-ups, and which terms version each user accepted."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class HelpArticle(models.Model):
    """A copy of one article file (`publicsite/articles/<slug>.md`), kept for full-text search;
    the file stays the source, `sync_help_articles` rewrites these rows from it."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=80)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    order = models.PositiveSmallIntegerField(default=100)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="help_article_search")]

    def __str__(self) -> str:
        return self.title


class WaitlistEntry(models.Model):
    """An address asking to hear when a feature not built yet (e.g. shop sync) arrives."""

    class Feature(models.TextChoices):
        SHOP_SYNC = "shop_sync", "Shop sync (Shopify, Etsy, WooCommerce)"
        API = "api", "API access"
        CUSTOM_ROLES = "custom_roles", "Custom roles"
        MOBILE = "mobile", "Phone app for the workshop"
        AI_ASSISTANT = "ai_assistant", "AI assistant for recipes and planning"

    email = models.EmailField()
    feature = models.CharField(max_length=30, choices=Feature.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "waitlist entry"
        verbose_name_plural = "waitlist"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "feature", name="waitlist_one_entry_per_email_and_feature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_feature_display()})"


class TermsAcceptance(models.Model):
    """The terms version a user accepted, and when (recorded at sign-up)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="terms_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} accepted terms {self.version}"
