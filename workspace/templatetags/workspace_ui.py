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
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from batchtrack.access import request_can
from staff.flags import flag_enabled
from tenants.links import public_url
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


# The workspace navbar (templates/partials/workspace_nav.html): (URL name, label, permission needed).
_NAV = (
    ("dashboard", "Dashboard", ""),
    ("inventory:list", "Inventory", "inventory.view"),
    ("recipes:list", "Recipes", "recipes.view"),
    ("batches:list", "Batches", "batches.view"),
    ("products:list", "Products", "products.view"),
    ("purchasing:receipts", "Buying", "purchasing.view"),
    ("sales:orders", "Orders", "sales.view"),
    ("reports:index", "Reports", "reports.view"),
    ("trace:recall", "Recall", "batches.view"),
)
_SETTINGS = (
    ("member_list", "Members", "members.view"),
    ("workspace_settings", "Workspace", "settings.manage"),
    ("profile", "Your profile", ""),
    ("inventory:units", "Custom units and densities", "inventory.view"),
    ("notifications:preferences", "Email digests", ""),
    ("billing:overview", "Billing", "billing.manage"),
    ("activity", "Activity", "audit.view"),
    ("staff_data_privacy", "Data & privacy", "workspace.lifecycle"),
    ("api_keys:list", "API keys", "api.manage"),
    ("webhooks:list", "Webhooks", "api.manage"),
)
_SETTINGS_UNDER = "/settings/,/billing/,/inventory/units/,/notifications/preferences/"
# The navbar's URLs, reversed once per URLconf and script prefix (they take no arguments).
_nav_urls: dict[tuple, dict[str, str]] = {}


def _urls() -> dict[str, str]:
    key = (get_urlconf(), get_script_prefix())
    urls = _nav_urls.get(key)
    if urls is None:
        urls = {name: reverse(name) for name, _, _ in (*_NAV, *_SETTINGS)}
        _nav_urls[key] = urls
    return urls


def _nav_link(path: str, url: str, label: str, *, dropdown: bool) -> SafeString:
    """What partials/nav_item.html renders, without a template render per link."""
    current = is_current(path, url)
    if dropdown:
        return format_html(
            '<li><a class="dropdown-item{}" href="{}"{}>{}</a></li>',
            " active" if current else "",
            url,
            mark_safe(' aria-current="page"') if current else "",
            label,
        )
    return format_html(
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}</a></li>',
        " active" if current else "",
        url,
        mark_safe(' aria-current="page"') if current else "",
        label,
    )


@register.simple_tag(takes_context=True)
def workspace_nav(context) -> SafeString:
    """The workspace navbar: the sections the member may see, and the Settings menu. Built here
    rather than with a {% url %}, a {% can %} and an inclusion tag per link: it is on every page."""
    request = context["request"]
    path = request.path
    urls = _urls()
    allowed: dict[str, bool] = {"": True}

    def may(permission: str) -> bool:
        if permission not in allowed:
            allowed[permission] = request_can(request, permission)
        return allowed[permission]

    main = [
        _nav_link(path, urls[name], label, dropdown=False)
        for name, label, permission in _NAV
        if may(permission)
    ]
    if flag_enabled("new_tools", getattr(request, "tenant", None)):  # rolled out by staff
        main.append(_nav_link(path, public_url("/tools/", request), "Maker tools", dropdown=False))
    settings_links = [
        _nav_link(path, urls[name], label, dropdown=True)
        for name, label, permission in _SETTINGS
        if may(permission)
    ]
    active = " active" if under(path, _SETTINGS_UNDER) else ""
    return format_html(
        '<ul class="navbar-nav me-auto">\n  {}\n  <li class="nav-item dropdown">\n'
        '    <button class="btn btn-link nav-link dropdown-toggle{}" type="button"'
        ' data-bs-toggle="dropdown" aria-expanded="false">Settings</button>\n'
        '    <ul class="dropdown-menu">\n      {}\n    </ul>\n  </li>\n</ul>',
        mark_safe("\n  ".join(main)),
        active,
        mark_safe("\n      ".join(settings_links)),
    )


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
