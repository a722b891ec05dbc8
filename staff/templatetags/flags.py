"""`{% load flags %}{% flag_enabled "shop_sync" as shop_sync_on %}`: the flag for the page's workspace."""

from __future__ import annotations

from django import template

from staff.flags import flag_enabled as _flag_enabled
from tenants.links import public_url as _public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def flag_enabled(context, key: str) -> bool:
    request = context.get("request")
    return _flag_enabled(key, getattr(request, "tenant", None))


@register.simple_tag(takes_context=True)
def public_url(context, path: str) -> str:
    """A page of the public site (the free tools, the waitlist), linked from a workspace page."""
    return _public_url(path, context.get("request"))
