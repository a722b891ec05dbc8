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
    # The layout's badge and the notification page both ask: count once per request.
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(user_id=request.user.pk)
    return request._unread_notifications
