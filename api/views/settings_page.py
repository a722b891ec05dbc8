"""The API keys settings page (owners and admins): make a key (shown once), revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from api import selectors, services
from api.forms import KeyForm
from api.models import ApiKey
from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from billing.gates import has_feature
from billing.policy import effective_tier
from billing.tiers import API_REQUESTS_PER_MINUTE


def _page(request, form: KeyForm, new_secret: str = "", status: int = 200):
    tier_has_api = has_feature(request.tenant, "api")
    return render(
        request,
        "api/keys.html",
        {
            "form": form,
            "keys": selectors.workspace_keys(),
            "new_secret": new_secret,
            "tier_has_api": tier_has_api,
            "per_minute": API_REQUESTS_PER_MINUTE.get(effective_tier(request.tenant).key),
        },
        status=status,
    )


@permission_required("api.manage")
def key_list(request):
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create_key(
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                actor_id=request.user.pk,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            # Shown on this answer only: the page is not redirected, so nothing keeps the secret.
            response = _page(request, KeyForm(), new_secret=made.secret)
            response["Cache-Control"] = "no-store"
            return response
    return _page(request, form)


@require_POST
@permission_required("api.manage")
def key_revoke(request, pk: int):
    key: ApiKey = found_or_404(selectors.workspace_keys().get, "API key", pk=pk)
    try:
        services.revoke_key(key_id=key.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The key “{key.name}” is revoked; it no longer works.")
    return redirect("api_keys:list")
