"""Views on a workspace host: sign-in handoff, sign-out, members, the workspace's settings and the
user's profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.errors import DomainError
from batchtrack.ratelimits import rate_limited
from batchtrack.view_helpers import show_error
from tenants.forms import (
    InviteForm,
    ProfileForm,
    RoleForm,
    SignedTokenQuery,
    WorkspaceSettingsForm,
)
from tenants.links import public_url
from tenants.models import Invitation, Membership
from tenants.services import memberships as membership_services
from tenants.services.handoff import redeem_handoff
from tenants.services.organizations import update_workspace_settings
from tenants.views.public import make_signout_token


@require_GET
def handoff(request):
    try:
        ticket = redeem_handoff(
            token=SignedTokenQuery(request.GET).values["ticket"], organization=request.tenant
        )
    except DomainError:
        return HttpResponseRedirect(public_url("/accounts/login/", request))
    login(request, ticket.user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(ticket.next_path)


@require_POST
def signout(request):
    user_id = request.user.pk
    logout(request)
    return HttpResponseRedirect(public_url(f"/signout/?t={make_signout_token(user_id)}", request))


@permission_required("members.view")
def member_list(request):
    organization = request.tenant
    return render(
        request,
        "tenants/members.html",
        {
            "members": Membership.objects.filter(organization=organization)
            .select_related("user")
            .order_by("user__email"),
            "invitations": [
                i
                for i in Invitation.objects.filter(
                    organization=organization, accepted_at=None, revoked_at=None
                )
                if i.is_pending
            ],
            "invite_form": InviteForm(),
            "role_choices": RoleForm.base_fields["role"].choices,
        },
    )


@require_POST
@permission_required("members.manage")
@rate_limited("invitations")
def member_invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _ = membership_services.invite_member(
                organization=request.tenant,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                public_base=public_url("", request),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"Invitation sent to {invitation.email}. It is valid for 7 days."
            )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("member_list")


@require_POST
@permission_required("members.manage")
def member_change_role(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, organization=request.tenant)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, admin, production or viewer.")
        return redirect("member_list")
    role = form.cleaned_data["role"]
    perform(
        request,
        lambda: membership_services.change_role(
            membership=membership, role=role, actor=request.user
        ),
        f"{membership.user.email} is now {role}.",
    )
    return redirect("member_list")


@require_POST
@permission_required("members.manage")
def member_remove(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, organization=request.tenant)
    perform(
        request,
        lambda: membership_services.remove_member(membership=membership, actor=request.user),
        f"{membership.user.email} was removed from the workspace.",
    )
    return redirect("member_list")


@require_POST
@permission_required("members.manage")
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(Invitation, pk=pk, organization=request.tenant)
    perform(
        request,
        lambda: membership_services.revoke_invitation(invitation=invitation, actor=request.user),
        f"The invitation for {invitation.email} was withdrawn.",
    )
    return redirect("member_list")


@permission_required("workspace.view")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect("profile")
    return render(
        request,
        "tenants/profile.html",
        {"form": form, "account_url": public_url("/accounts/email/", request)},
    )


@permission_required("settings.manage")
def workspace_settings(request):
    organization = request.tenant
    initial = {
        "name": organization.name,
        "time_zone": organization.time_zone,
        "currency": organization.currency,
    }
    form = WorkspaceSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_workspace_settings(
                organization=organization,
                name=form.cleaned_data["name"],
                time_zone=form.cleaned_data["time_zone"],
                currency=form.cleaned_data["currency"] or None,
                actor=request.user,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "Workspace settings saved.")
            return redirect("workspace_settings")
    return render(
        request, "tenants/workspace_settings.html", {"form": form, "organization": organization}
    )
