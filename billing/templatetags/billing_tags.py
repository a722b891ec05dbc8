"""Template side of the tier gates: show an upgrade prompt where a feature is missing, e.g.

``{% load billing_tags %}{% has_feature "exports" as exports_on %}`` then
``{% if exports_on %}...download link...{% else %}{% upgrade_prompt "exports" %}{% endif %}``.
"""

from __future__ import annotations

from django import template

from batchtrack.access import request_can
from billing import gates
from billing.tiers import FEATURES, cheapest_tier_with

register = template.Library()


def _in_workspace(request) -> bool:
    return getattr(request, "membership", None) is not None


@register.simple_tag(takes_context=True)
def has_feature(context, feature: str) -> bool:
    request = context.get("request")
    return _in_workspace(request) and gates.has_feature(request.tenant, feature)


@register.inclusion_tag("billing/partials/upgrade_prompt.html", takes_context=True)
def upgrade_prompt(context, feature: str) -> dict:
    request = context.get("request")
    if not _in_workspace(request):
        return {"prompt": None}
    return {
        "prompt": {
            "label": FEATURES.get(feature, feature),
            "tier": cheapest_tier_with(feature),
            "may_upgrade": request_can(request, "billing.manage"),
        }
    }
