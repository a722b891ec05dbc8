"""The legal pages' versions and dates, declared once: the pages show them and sign-up records the
terms version a new user accepts. Change a text, raise its version and date here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LegalPage:
    slug: str
    title: str
    version: str
    updated: date
    description: str


PAGES: dict[str, LegalPage] = {
    page.slug: page
    for page in (
        LegalPage(
            "terms",
            "Terms of service",
            "2026-12",
            date(2026, 12, 6),
            "The agreement between you and BatchTrack: your account, your data, plans and payment.",
        ),
        LegalPage(
            "privacy",
            "Privacy notice",
            "2026-12",
            date(2026, 12, 6),
            "What personal data BatchTrack keeps, why, for how long, and your rights over it.",
        ),
        LegalPage(
            "cookies",
            "Cookies",
            "2026-12",
            date(2026, 12, 6),
            "The few cookies BatchTrack sets: only what signing in and forms need, no tracking.",
        ),
        LegalPage(
            "data-processing",
            "Data processing",
            "2026-12",
            date(2026, 12, 6),
            "How BatchTrack processes your workspace's data on your behalf, and who helps us.",
        ),
        LegalPage(
            "subprocessors",
            "Sub-processors",
            "2026-12",
            date(2026, 12, 6),
            "The companies that process data for BatchTrack: Stripe, Google and our email provider.",
        ),
    )
}
TERMS_VERSION = PAGES["terms"].version


def terms_versions() -> frozenset[str]:
    """Every terms version sign-up may record: the current one (older ones join as they retire)."""
    return frozenset({TERMS_VERSION})
