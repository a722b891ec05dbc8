"""Views on the public host: workspace chooser and entry, invitations, sign-out relay (the landing
page and the rest of the public site are publicsite's)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, set_urlconf
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from batchtrack.errors import DomainError
from batchtrack.money import currency_from_accept_language
from batchtrack.ratelimits import allauth_retry_after, describe_wait
from batchtrack.ratelimits import rate_limited as limit
from tenants.errors import InvitationError
from tenants.forms import ChooserQuery, NextPathQuery, SignedTokenQuery, SlugCheckQuery
from tenants.links import workspace_url
from tenants.models import Membership, Organization
from tenants.services.handoff import issue_handoff
from tenants.services.memberships import accept_invitation, find_invitation
from tenants.services.provisioning import propose_slug, provision_workspace, validate_slug
from tenants.signout_messages import forget_old_messages

SIGNOUT_SALT = "tenants.signout"


def unknown_workspace(request, *args, **kwargs):
    # No tenant matched, so the workspace URLconf is active; this page links to the public site.
    request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
    set_urlconf(settings.PUBLIC_SCHEMA_URLCONF)
    return render(
        request, "tenants/unknown_workspace.html", {"host": request.get_host()}, status=404
    )


def rate_limited(request, exception=None):
    """The 429 page for our limits (RATELIMIT_VIEW) and allauth's (`handler429` in the URLconfs)."""
    retry_after = getattr(exception, "retry_after", None) or allauth_retry_after(request)
    response = render(
        request,
        "429.html",
        {
            "retry_after": retry_after,
            "wait": describe_wait(retry_after),
            "retry_at": timezone.now() + timedelta(seconds=retry_after),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@login_required
def workspace_chooser(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("organization"))
    if len(memberships) == 1 and not ChooserQuery(request.GET).values["choose"]:
        return redirect("workspace_enter", slug=memberships[0].organization.slug)
    return render(request, "tenants/chooser.html", {"memberships": memberships})


@login_required
@require_GET
def workspace_enter(request, slug: str):
    """Hand the signed-in user over to the workspace host with a one-time ticket."""
    organization = get_object_or_404(Organization, slug=slug)
    try:
        token = issue_handoff(
            user=request.user,
            organization=organization,
            next_path=NextPathQuery(request.GET).values["next"] or "/",
        )
    except DomainError:
        return render(request, "404.html", status=404)
    return HttpResponseRedirect(workspace_url(slug, f"/auth/handoff/?ticket={token}", request))


@login_required
@require_http_methods(["GET", "POST"])
def workspace_create(request):
    """A signed-in user (e.g. via Google, or a member of another workspace) creates a workspace."""
    errors: dict[str, str] = {}
    name = request.POST.get("organization_name", "").strip()
    slug = request.POST.get("slug", "").strip().lower()
    if request.method == "POST":
        try:
            organization = provision_workspace(
                name=name,
                slug=slug or propose_slug(name or "workspace"),
                owner=request.user,
                time_zone=request.user.time_zone or "UTC",
                currency=currency_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE")),
            )
        except DomainError as exc:
            errors[exc.field or "form"] = exc.message
        else:
            return redirect("workspace_enter", slug=organization.slug)
    return render(
        request,
        "tenants/workspace_create.html",
        {"errors": errors, "organization_name": name, "slug": slug},
        status=400 if errors else 200,
    )


@require_GET
def check_slug(request):
    """htmx: propose or check a web address while the maker types."""
    typed = SlugCheckQuery(request.GET).values
    slug, name = typed["slug"].lower(), typed["organization_name"]
    if not slug and name:
        return render(
            request,
            "tenants/partials/slug_status.html",
            {"ok": True, "slug": propose_slug(name), "proposed": True},
        )
    try:
        slug = validate_slug(slug)
    except DomainError as exc:
        return render(
            request, "tenants/partials/slug_status.html", {"ok": False, "message": exc.message}
        )
    return render(request, "tenants/partials/slug_status.html", {"ok": True, "slug": slug})


@require_http_methods(["GET", "POST"])
@limit("invitation_links")
def invitation(request, token: str):
    try:
        invite = find_invitation(token)
    except InvitationError as exc:
        return render(
            request, "tenants/invitation_invalid.html", {"message": exc.message}, status=410
        )
    if not request.user.is_authenticated:
        signup_url = reverse("account_signup") + f"?invitation={token}"
        login_url = reverse("account_login") + f"?next={request.path}"
        return render(
            request,
            "tenants/invitation.html",
            {"invite": invite, "signup_url": signup_url, "login_url": login_url},
        )
    if request.method == "POST":
        try:
            membership = accept_invitation(token=token, user=request.user)
        except InvitationError as exc:
            return render(
                request,
                "tenants/invitation.html",
                {"invite": invite, "error": exc.message},
                status=400,
            )
        messages.success(request, f"Welcome to {membership.organization.name}!")
        return redirect("workspace_enter", slug=membership.organization.slug)
    return render(request, "tenants/invitation.html", {"invite": invite})


def signout_relay(request):
    """A workspace host signs out there, then sends the browser here with a signed note to sign out
    of the public host as well (no shared cookie to clear on `*.localhost`)."""
    try:
        user_id = signing.loads(
            SignedTokenQuery(request.GET).values["t"], salt=SIGNOUT_SALT, max_age=60
        )
    except signing.BadSignature:
        user_id = None
    if user_id is not None and request.user.is_authenticated and request.user.pk == user_id:
        logout(request)
    forget_old_messages(request)  # signed out on the workspace host: this host's are old too
    messages.info(request, "You have signed out.")
    return redirect("account_login")


def make_signout_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=SIGNOUT_SALT)
