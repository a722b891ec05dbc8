from __future__ import annotations

from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """`{% unread_notifications as count %}`: the signed-in member's unread notifications here."""
    request = context.get("request")
    if request is None or getattr(request, "membership", None) is None:
        return 0
    return unread_count(user_id=request.user.pk)
