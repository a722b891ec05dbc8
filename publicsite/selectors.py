"""Reads for the public site: plan cards from the tier catalogue, help search."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet

from billing.tiers import ADVERTISED_FEATURES, LIMITS, TIERS, Tier
from publicsite.models import HelpArticle


@dataclass(frozen=True)
class PlanCard:
    key: str
    name: str
    blurb: str
    price: str  # "$19", "$0"
    period: str  # "a month", "free forever"
    features: tuple[str, ...]  # plain words, advertised features only
    limits: tuple[str, ...]
    is_free: bool


def plan_cards() -> list[PlanCard]:
    """One card per tier in `billing.tiers`, cheapest first: the same catalogue every gate reads.
    A paid tier shows its synced Stripe price when one is stored, else the catalogue's."""
    synced = synced_monthly_prices()
    cards = []
    for tier in sorted(TIERS.values(), key=lambda t: t.rank):
        cards.append(
            PlanCard(
                key=tier.key,
                name=tier.name,
                blurb=tier.blurb,
                price=synced.get(tier.key) or tier.monthly_price,
                period="a month" if tier.is_paid else "free forever",
                features=tuple(
                    label for key, label in ADVERTISED_FEATURES.items() if key in tier.features
                ),
                limits=tuple(_limit_line(tier, key) for key in LIMITS),
                is_free=not tier.is_paid,
            )
        )
    return cards


def _limit_line(tier: Tier, key: str) -> str:
    singular, plural = LIMITS[key]
    allowed = tier.limit(key)
    if allowed is None:
        return f"Unlimited {plural}"
    return f"Up to {allowed:,} {singular if allowed == 1 else plural}"


def synced_monthly_prices() -> dict[str, str]:
    """{tier key: "$19"} from the Stripe prices `sync_billing_catalog` stored (dj-stripe's table),
    for paid tiers whose monthly price is synced in US dollars."""
    from djstripe.models import Price

    keys = {tier.lookup_key: tier.key for tier in TIERS.values() if tier.lookup_key}
    prices = Price.objects.filter(lookup_key__in=keys, active=True, currency="usd").order_by(
        "created"
    )
    found = {}
    for price in prices:  # the newest wins
        cents = (price.stripe_data or {}).get("unit_amount")
        if isinstance(cents, int):
            found[keys[price.lookup_key]] = _dollars(cents)
    return found


def _dollars(cents: int) -> str:
    amount = Decimal(cents) / 100
    return f"${amount:,.0f}" if amount == amount.to_integral() else f"${amount:,.2f}"


def search_help(query: str) -> QuerySet[HelpArticle]:
    """Articles matching `query` (web-search syntax: words, "phrases", -not), best first, each with
    a `snippet` of its body where the words are found (marked with <mark>)."""
    search = SearchQuery(query, search_type="websearch", config="english")
    return (
        HelpArticle.objects.filter(search_vector=search)
        .annotate(
            rank=SearchRank(F("search_vector"), search),
            snippet=SearchHeadline(
                "body",
                search,
                config="english",
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
            ),
        )
        .order_by("-rank", "order")
    )
