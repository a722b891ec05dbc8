"""The webhooks settings page (owners and admins): endpoints, their signing secrets, the delivery
log, and "send test event"."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from billing.gates import has_feature
from webhooks import selectors, services
from webhooks.forms import EndpointForm
from webhooks.models import Endpoint
from webhooks.signing import SIGNATURE_HEADER


@permission_required("api.manage")
def endpoint_list(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_endpoint(
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
                actor_id=request.user.pk,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "Endpoint added. Copy its signing secret to the receiver.")
            return redirect("webhooks:list")
    return render(
        request,
        "webhooks/endpoints.html",
        {
            "form": form,
            "endpoints": selectors.endpoint_list(),
            "deliveries": selectors.recent_deliveries(),
            "tier_has_api": has_feature(request.tenant, "api"),
            "signature_header": SIGNATURE_HEADER,
        },
    )


def _endpoint(pk: int) -> Endpoint:
    return found_or_404(selectors.endpoint_list().get, "endpoint", pk=pk)


@require_POST
@permission_required("api.manage")
def endpoint_delete(request, pk: int):
    endpoint = _endpoint(pk)
    services.delete_endpoint(endpoint_id=endpoint.pk)
    messages.success(request, f"Events are no longer sent to {endpoint.url}.")
    return redirect("webhooks:list")


@require_POST
@permission_required("api.manage")
def endpoint_test(request, pk: int):
    endpoint = _endpoint(pk)
    try:
        services.send_test_event(endpoint_id=endpoint.pk)
    except DomainError as exc:  # pragma: no cover - nothing in sending a test raises today
        messages.error(request, exc.message)
    else:
        messages.success(request, f"A test event is on its way to {endpoint.url}; see the log.")
    return redirect("webhooks:list")
