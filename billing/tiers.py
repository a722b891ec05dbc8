"""The tier catalogue: every feature, limit and tier, declared once, here.

Stripe knows a tier only by name: each paid Product carries metadata `tier=<key>` and its monthly Price
the lookup key `Tier.lookup_key`. Everything a tier includes lives in this module, so a name Stripe
sends that is not declared here (a typo in the dashboard, a retired tier) fails loudly instead of
granting or removing features silently.

Features and limits are not copied onto the organization: the organization stores its tier (and
billing status), and this catalogue answers what that tier includes. Changing a tier here changes it
for every organization on it, which is what a catalogue declared in code means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from batchtrack.billing_state import TierKey
from billing.errors import UnknownFeature, UnknownLimit, UnknownTier

FEATURES: Mapping[str, str] = MappingProxyType(
    {
        "fifo_costing": "Batch costs from the exact lots used (FIFO)",
        "expiry_tracking": "Alerts and digest emails before lots expire",
        "exports": "CSV and Excel exports",
        "traceability_reports": "Lot traceability reports for recalls",
        "sales_reports": "Sales and profit reports, cost of goods traced to lots",
        "books_reports": "Inventory valuation on any date and the year-end (Schedule C) summary",
        "api": "API access",
        "custom_roles": "Custom roles",
    }
)

# Declared so that Stripe metadata, the gates and the tiers can name them, but not built yet: the plan
# cards leave them out rather than sell what does not exist.
NOT_YET_BUILT: frozenset[str] = frozenset({"custom_roles"})
ADVERTISED_FEATURES: Mapping[str, str] = MappingProxyType(
    {key: label for key, label in FEATURES.items() if key not in NOT_YET_BUILT}
)

# limit key -> (singular, plural) as a maker reads it in "Your Free plan allows 2 members".
LIMITS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "members": ("member", "members"),
        "items": ("inventory item", "inventory items"),
        "recipes": ("recipe", "recipes"),
        "batches_per_month": ("batch a month", "batches a month"),
    }
)

# Permissions (declared with the roles) that a tier must also include: `can` answers
# "role allows it AND tier includes it". Everything else depends on the role alone, so the free tier
# keeps every day-to-day permission (stock, recipes, batches, sales, on-screen reports).
PERMISSION_FEATURES: Mapping[str, str] = MappingProxyType(
    {
        "reports.export": "exports",
        "traceability.view": "traceability_reports",
        "api.view": "api",
    }
)

# Requests a minute each API key may make (api/throttling.py), by tier; a tier without the "api"
# feature has no entry (its keys are refused before they are counted).
API_REQUESTS_PER_MINUTE: Mapping[str, int] = MappingProxyType(
    {"maker": 60, "pro": 300, "team": 1200}
)

# Which report each plan gets: the money report pages (sales app) and their exports ask the feature
# named here. On every plan: the month's sales and profit on the dashboard, and purchases by supplier
# (what a maker spent is theirs to see; its CSV needs "exports" like every download).
REPORT_FEATURES: Mapping[str, str] = MappingProxyType(
    {
        "sales_profit": "sales_reports",
        "cost_of_goods": "sales_reports",
        "valuation": "books_reports",
        "year_end": "books_reports",
    }
)
# The money reports with no feature to ask: on every plan (billing.gates.includes_report).
EVERY_PLAN_REPORTS: frozenset[str] = frozenset({"purchases"})


@dataclass(frozen=True)
class Tier:
    key: str
    name: str
    rank: int
    monthly_price_cents: int
    features: frozenset[str]
    # None means unlimited.
    limits: Mapping[str, int | None] = field(default_factory=dict)
    blurb: str = ""

    @property
    def is_paid(self) -> bool:
        return self.monthly_price_cents > 0

    @property
    def lookup_key(self) -> str | None:
        """The Stripe Price lookup key for this tier's monthly price."""
        return f"batchtrack_{self.key}_monthly" if self.is_paid else None

    @property
    def monthly_price(self) -> str:
        dollars, cents = divmod(self.monthly_price_cents, 100)
        return f"${dollars}" if not cents else f"${dollars}.{cents:02d}"

    @property
    def limit_lines(self) -> list[str]:
        """'Up to 5 members', 'Unlimited recipes', ... in catalogue order."""
        lines = []
        for key, (_singular, plural) in LIMITS.items():
            allowed = self.limits[key]
            lines.append(f"Unlimited {plural}" if allowed is None else f"Up to {allowed} {plural}")
        return lines

    def includes(self, feature: str) -> bool:
        require_feature_key(feature)
        return feature in self.features

    def limit(self, limit: str) -> int | None:
        require_limit_key(limit)
        return self.limits[limit]


def _tier(key: TierKey, rank, price, features, *, members, items, recipes, batches, blurb) -> Tier:
    return Tier(
        key=key.value,
        name=key.label,
        rank=rank,
        monthly_price_cents=price,
        features=frozenset(features),
        limits=MappingProxyType(
            {"members": members, "items": items, "recipes": recipes, "batches_per_month": batches}
        ),
        blurb=blurb,
    )


FREE = _tier(
    TierKey.FREE,
    0,
    0,
    {"fifo_costing"},
    members=2,
    items=50,
    recipes=10,
    batches=30,
    blurb="For trying BatchTrack and for very small makers.",
)
MAKER = _tier(
    TierKey.MAKER,
    1,
    1900,
    {"fifo_costing", "expiry_tracking", "exports", "sales_reports", "api"},
    members=5,
    items=500,
    recipes=100,
    batches=300,
    blurb="For a growing shop: expiry alerts and exports.",
)
PRO = _tier(
    TierKey.PRO,
    2,
    4900,
    {
        "fifo_costing",
        "expiry_tracking",
        "exports",
        "traceability_reports",
        "sales_reports",
        "books_reports",
        "api",
    },
    members=15,
    items=5000,
    recipes=1000,
    batches=3000,
    blurb="For makers who sell wholesale: traceability reports for recalls.",
)
TEAM = _tier(
    TierKey.TEAM,
    3,
    9900,
    set(FEATURES),
    members=50,
    items=None,
    recipes=None,
    batches=None,
    blurb="For production teams: up to 50 members and no item, recipe or batch limits.",
)

TIERS: Mapping[str, Tier] = MappingProxyType({t.key: t for t in (FREE, MAKER, PRO, TEAM)})
PAID_TIERS: tuple[Tier, ...] = tuple(t for t in TIERS.values() if t.is_paid)
TIER_CHOICES = TierKey.choices


def require_feature_key(feature: str) -> str:
    if feature not in FEATURES:
        raise UnknownFeature(
            f"'{feature}' is not a declared feature; known features: {', '.join(FEATURES)}.",
            feature=feature,
        )
    return feature


def require_limit_key(limit: str) -> str:
    if limit not in LIMITS:
        raise UnknownLimit(
            f"'{limit}' is not a declared limit; known limits: {', '.join(LIMITS)}.", limit=limit
        )
    return limit


def get_tier(key: str) -> Tier:
    """The tier named `key` (as stored on the organization or in Stripe metadata); loud if unknown."""
    try:
        return TIERS[(key or "").strip().lower()]
    except KeyError:
        raise UnknownTier(
            f"'{key}' is not a declared tier; known tiers: {', '.join(TIERS)}.", tier=key
        ) from None


def tier_from_metadata(metadata: Mapping[str, str] | None) -> Tier | None:
    """The tier a Stripe Product's metadata names (`tier=pro`), None when it names none.

    An optional `features` entry (comma-separated) is checked too, so a typo in the dashboard fails
    loudly; it must not grant more than the catalogue, which stays the source of truth.
    """
    metadata = metadata or {}
    key = metadata.get("tier")
    if not key:
        return None
    tier = get_tier(key)
    for feature in filter(None, (f.strip() for f in metadata.get("features", "").split(","))):
        require_feature_key(feature)
    return tier


def next_tier_raising(tier: Tier, limit: str) -> Tier | None:
    """The cheapest tier above `tier` whose `limit` is higher (None = no tier raises it)."""
    current = tier.limit(limit)
    for candidate in sorted(TIERS.values(), key=lambda t: t.rank):
        if candidate.rank <= tier.rank:
            continue
        allowed = candidate.limit(limit)
        if allowed is None or (current is not None and allowed > current):
            return candidate
    return None


def cheapest_tier_with(feature: str) -> Tier | None:
    require_feature_key(feature)
    return min(
        (t for t in TIERS.values() if feature in t.features), key=lambda t: t.rank, default=None
    )


def _check_catalogue() -> None:
    """Import-time self-check: the catalogue must only name declared features and limits."""
    for tier in TIERS.values():
        for feature in tier.features:
            require_feature_key(feature)
        if set(tier.limits) != set(LIMITS):
            raise UnknownLimit(f"Tier '{tier.key}' must set exactly the limits {list(LIMITS)}.")
    if list(TIERS) != list(TierKey.values):
        raise UnknownTier(f"The catalogue must declare exactly the tiers {list(TierKey.values)}.")
    # That each permission named here is declared is checked by batchtrack.access, above both.
    for feature in (*PERMISSION_FEATURES.values(), *REPORT_FEATURES.values()):
        require_feature_key(feature)
    for tier in TIERS.values():
        if ("api" in tier.features) != (tier.key in API_REQUESTS_PER_MINUTE):
            raise UnknownLimit(f"Tier '{tier.key}' needs an API rate exactly when it has the API.")


_check_catalogue()
