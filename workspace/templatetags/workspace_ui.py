"""The layout's helpers: `{% load workspace_ui %}`.

- `{% nav_item url "Inventory" %}`: a navbar link, marked current (`aria-current="page"`) when the page
  is under it;
- `{% other_workspaces as others %}`: the few other workspaces the switcher lists and how many the
  member has in all (from the request cache, only on workspace pages);
- `{% url_prefix "inventory:detail" as items %}` then `{{ items }}{{ item.pk }}/` in a list's rows: one
  URL reverse for the whole list instead of one per row.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from workspace.text import plural

register = template.Library()


def is_current(path: str, url: str) -> bool:
    if url == "/":
        return path == "/"
    return path.startswith(url)


@register.inclusion_tag("partials/nav_item.html", takes_context=True)
def nav_item(context, url: str, label: str, *, dropdown: bool = False) -> dict:
    request = context.get("request")
    current = bool(request) and is_current(request.path, url)
    return {"url": url, "label": label, "current": current, "dropdown": dropdown}


@register.simple_tag(takes_context=True)
def other_workspaces(context):
    """The switcher's workspaces (tenants.request_cache.Switcher: at most five, the most recently
    entered first; `total`, `more`), or an empty list off a workspace page."""
    request = context.get("request")
    membership = getattr(request, "membership", None) if request else None
    if membership is None:
        return []
    from tenants.request_cache import other_workspaces_of

    return other_workspaces_of(request.user.pk, membership.organization_id)


@register.simple_tag
def url_prefix(name: str) -> str:
    """The URL named `name` without its last argument, an id: `/inventory/items/` for
    "inventory:detail" (`items/<int:pk>/`)."""
    url = reverse(name, args=[0])
    if not url.endswith("/0/"):
        raise ValueError(f"{name} does not end in an id, so it has no prefix for rows.")
    return url[:-2]


@register.filter
def under(path: str, prefixes: str) -> bool:
    """`request.path|under:"/settings/,/billing/"`: whether the page is under any of the prefixes."""
    return any(path.startswith(prefix) for prefix in prefixes.split(",") if prefix)


@register.filter
def sku_of(item):
    """The SKU an item backs, or None (`item.sku` raises when there is none)."""
    from products.models import Sku

    try:
        return item.sku
    except Sku.DoesNotExist:
        return None


@register.filter
def overdue_by(timer, now):
    """How long past its duration a timer has run (`{{ timer|overdue_by:now|duration }}`)."""
    return timer.elapsed(now) - timer.duration


register.filter("plural", plural)


@register.filter
def yield_name(batch) -> str:
    """What a batch's yield is counted in, for several: "bars", or its unit ("kg")."""
    return plural(batch.portion_name) if batch.portion_name else batch.yield_unit
