"""What the money reports would add, for the dashboard of a plan without them: billing's catalogue
and gates decide (no query). The rest of "how am I doing" is read elsewhere: stock still curing with
the dashboard's lots (workspace.selectors.dashboard), the week's and month's sales and profit by the
report's rules (sales.selectors.recent_sales)."""

from __future__ import annotations

from dataclasses import dataclass

from billing.gates import includes_report
from billing.tiers import FEATURES, REPORT_FEATURES, Tier, cheapest_tier_with


@dataclass(frozen=True)
class ReportsPreview:
    """What the sales reports would give on the cheapest plan that has them."""

    tier: Tier
    gives: tuple[str, ...]


def reports_preview(organization) -> ReportsPreview | None:
    """None when the workspace's plan already includes the sales reports (billing.gates decides),
    else the cheapest tier with them and what they give, in the catalogue's words."""
    if includes_report(organization, "sales_profit"):
        return None
    feature = REPORT_FEATURES["sales_profit"]
    tier = cheapest_tier_with(feature)
    if tier is None:
        return None
    books = REPORT_FEATURES["valuation"]
    gives = [FEATURES[feature]]
    if books in tier.features:
        gives.append(FEATURES[books])
    return ReportsPreview(tier=tier, gives=tuple(gives))
