from __future__ import annotations

from django import template

from batchtrack.access import request_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission: str) -> bool:
    """`{% can "inventory.adjust" as allowed %}`: the same answer views and services get."""
    request = context.get("request")
    return bool(request) and request_can(request, permission)
