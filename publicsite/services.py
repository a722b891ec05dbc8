"""The public site's writers: help-article sync, the waitlist, terms acceptance."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from publicsite.errors import WaitlistLinkInvalid, WaitlistRefused
from publicsite.help import all_articles
from publicsite.legal import TERMS_VERSION
from publicsite.models import HelpArticle, TermsAcceptance, WaitlistEntry
from tenants.links import public_url
from tenants.mail import queue_email

WAITLIST_SALT = "publicsite.waitlist"
WAITLIST_LINK_DAYS = 14


def sync_help_articles() -> int:
    """Make the HelpArticle table match the article files (new, changed and removed), and refresh
    the search vectors (title weighs most, then summary, then body). Returns how many articles."""
    articles = all_articles()
    with transaction.atomic():
        HelpArticle.objects.exclude(slug__in=[a.slug for a in articles]).delete()
        for item in articles:
            HelpArticle.objects.update_or_create(
                slug=item.slug,
                defaults={
                    "title": item.title,
                    "topic": item.topic,
                    "summary": item.summary,
                    "body": item.body,
                    "order": item.order,
                },
            )
        HelpArticle.objects.update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("summary", "topic", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
    return len(articles)


def join_waitlist(*, email: str, feature: str, note: str = "", trap: str = "") -> WaitlistEntry:
    """Record `email` on the waitlist for `feature` and queue its confirmation email (outbox).

    `trap` is the form's hidden honeypot field: people leave it empty, spam bots fill it in, and then
    nothing is stored or sent. An address already on the list for the feature is not stored twice;
    while unconfirmed it gets the confirmation email again. Raises WaitlistRefused.
    """
    email = (email or "").strip()
    if trap.strip():
        raise WaitlistRefused("We could not take this sign-up. Please try again.")
    try:
        validate_email(email)
    except ValidationError:
        raise WaitlistRefused("Enter a valid email address.", field="email") from None
    if feature not in WaitlistEntry.Feature.values:
        raise WaitlistRefused("Choose which feature you are waiting for.", field="feature")
    with transaction.atomic():
        entry = (
            WaitlistEntry.objects.select_for_update()
            .filter(email__iexact=email, feature=feature)
            .first()
        )
        if entry is None:
            entry = WaitlistEntry.objects.create(email=email, feature=feature, note=note[:500])
        if entry.confirmed_at is None:
            _queue_confirmation(entry)
    return entry


def confirm_waitlist(*, token: str) -> WaitlistEntry:
    """Confirm the entry a link names; confirming twice is harmless. Raises WaitlistLinkInvalid."""
    try:
        pk = signing.loads(token, salt=WAITLIST_SALT, max_age=WAITLIST_LINK_DAYS * 86400)
    except signing.BadSignature:
        raise WaitlistLinkInvalid(
            "This confirmation link is broken or has expired. Sign up again to get a new one."
        ) from None
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().filter(pk=pk).first()
        if entry is None:
            raise WaitlistLinkInvalid("This waitlist entry no longer exists. Sign up again.")
        if entry.confirmed_at is None:
            entry.confirmed_at = timezone.now()
            entry.save(update_fields=["confirmed_at"])
    return entry


def waitlist_token(entry: WaitlistEntry) -> str:
    return signing.dumps(entry.pk, salt=WAITLIST_SALT)


def _queue_confirmation(entry: WaitlistEntry) -> None:
    context = {
        "entry": entry,
        "confirm_url": public_url(f"/waitlist/confirm/{waitlist_token(entry)}/"),
    }
    message = EmailMessage(
        subject="Confirm your place on the BatchTrack waitlist",
        body=render_to_string("publicsite/email/waitlist_confirm.txt", context),
        to=[entry.email],
    )
    queue_email(message)


def record_terms_acceptance(*, user_id: int, version: str = TERMS_VERSION) -> TermsAcceptance:
    """Record that the user accepted terms `version` (once per version)."""
    acceptance, _created = TermsAcceptance.objects.get_or_create(user_id=user_id, version=version)
    return acceptance
