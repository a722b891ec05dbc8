"""The notification center: a member's notifications, marking them read, and the digest preference."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.query_forms import page_number
from notifications import selectors, services
from notifications.forms import DigestPreferenceForm
from notifications.models import Alert, Notification
from notifications.services.digests import DIGEST_HOUR
from notifications.texts import alert_text
from notifications.zones import user_zone

PAGE_SIZE = 30


def alert_link(alert: Alert) -> str:
    """Where to look at an alert's subject: the item's page, or the timer's batch ("" if none)."""
    if alert.kind == Alert.Kind.TIMER_DUE:
        name, pk = "batches:detail", alert.details.get("batch_id")
    else:
        name, pk = "inventory:detail", alert.details.get("item_id")
    try:
        return reverse(name, args=[pk]) if pk else ""
    except NoReverseMatch:
        return ""


@permission_required("workspace.view")
def notification_list(request):
    # Newer/Older paging without a count: one read of a page and one row more tells whether an older
    # page exists, so the page costs the same statements however many notifications there are.
    number = page_number(request.GET)
    start = (number - 1) * PAGE_SIZE
    found = list(
        selectors.notifications_for(user_id=request.user.pk)[start : start + PAGE_SIZE + 1]
    )
    zone = timezone.get_current_timezone()
    rows = [
        (
            notification,
            alert_text(notification.alert.kind, notification.alert.details, zone),
            alert_link(notification.alert),
        )
        for notification in found[:PAGE_SIZE]
    ]
    return render(
        request,
        "notifications/list.html",
        {"rows": rows, "number": number, "has_older": len(found) > PAGE_SIZE},
    )


@require_POST
@permission_required("workspace.view")
def notification_read(request, pk: int):
    try:
        notification = services.mark_read(user_id=request.user.pk, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404("No such notification.") from None
    link = alert_link(notification.alert)
    if request.POST.get("open") and link:
        return redirect(link)
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("notifications:list")


@require_POST
@permission_required("workspace.view")
def notification_read_all(request):
    count = services.mark_all_read(user_id=request.user.pk)
    if count:
        messages.success(
            request, "Marked 1 notification read." if count == 1 else f"Marked {count} read."
        )
    return redirect("notifications:list")


@permission_required("workspace.view")
def digest_preferences(request):
    user_id = request.user.pk
    form = DigestPreferenceForm(
        request.POST or None,
        initial={"frequency": selectors.digest_frequency(user_id=user_id)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_digest_frequency(user_id=user_id, frequency=form.cleaned_data["frequency"])
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "Your email preference was saved.")
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "zone": user_zone(request.user, request.tenant),
            "own_zone": bool(request.user.time_zone),
            "digest_hour": DIGEST_HOUR,
        },
    )
