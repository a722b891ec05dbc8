"""Owners' side of the staff console on the workspace host (Settings -> Data & privacy), the end of a
support session, and on the public host: continuing into a support session, account deletion, and
the server-error page with its request id."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_http_methods, require_POST
from django_guid import get_guid

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from staff.forms import DeleteAccountForm, DeleteWorkspaceForm, SupportGrantForm
from staff.middleware import SESSION_KEY
from staff.models import WorkspaceExport
from staff.services.accounts import delete_account, sole_owned_workspaces
from staff.services.export import request_full_export
from staff.services.lifecycle import request_workspace_deletion
from staff.services.support import (
    active_grant,
    end_support_session,
    grant_support_access,
    handoff_to_workspace,
    pending_session,
    revoke_support_access,
)
from tenants.links import public_url, workspace_url
from tenants.models import User

PERMISSION = "workspace.lifecycle"


def _page(request, **forms):
    organization = request.tenant
    context = {
        "grant": active_grant(organization),
        "grant_form": forms.get("grant_form") or SupportGrantForm(),
        "delete_form": forms.get("delete_form") or DeleteWorkspaceForm(),
        "exports": WorkspaceExport.objects.filter(organization=organization)[:5],
    }
    return render(request, "staff/data_privacy.html", context, status=forms.get("status", 200))


@permission_required(PERMISSION)
def data_privacy(request):
    return _page(request)


@permission_required(PERMISSION)
@require_POST
def support_grant(request):
    form = SupportGrantForm(request.POST)
    if form.is_valid():
        try:
            grant_support_access(
                organization=request.tenant,
                actor=request.user,
                days=form.cleaned_data["days"],
                allow_changes=form.cleaned_data["allow_changes"],
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "Support can now look into this workspace.")
            return redirect("staff_data_privacy")
    return _page(request, grant_form=form, status=400)


@permission_required(PERMISSION)
@require_POST
def support_revoke(request):
    revoke_support_access(organization=request.tenant, actor=request.user)
    messages.success(request, "Support access is off.")
    return redirect("staff_data_privacy")


@permission_required(PERMISSION)
@require_POST
def export_start(request):
    request_full_export(organization=request.tenant, actor=request.user)
    messages.success(request, "Your export is being prepared; this page shows when it is ready.")
    return redirect("staff_data_privacy")


def _export_of(organization, pk: int) -> WorkspaceExport | None:
    return WorkspaceExport.objects.filter(organization=organization, pk=pk).first()


@permission_required(PERMISSION)
def export_download(request, pk: int):
    job = found_or_404(_export_of, "export", request.tenant, pk)
    if job.status != WorkspaceExport.Status.DONE or not job.file_name:
        messages.info(request, "That export is not ready yet.")
        return redirect("staff_data_privacy")
    from django.core.files.storage import default_storage

    return FileResponse(
        default_storage.open(job.file_name, "rb"),
        as_attachment=True,
        filename=job.file_name.rsplit("/", 1)[-1],
    )


@permission_required(PERMISSION)
@require_POST
def workspace_delete(request):
    form = DeleteWorkspaceForm(request.POST)
    if form.is_valid():
        try:
            deletion = request_workspace_deletion(
                organization=request.tenant,
                actor=request.user,
                confirm_name=form.cleaned_data["confirm_name"],
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            return render(request, "staff/deletion_requested.html", {"deletion": deletion})
    return _page(request, delete_form=form, status=400)


@permission_required("workspace.view")
@require_POST
def support_end(request):
    """Staff end their support session from the banner."""
    session_id = request.session.get(SESSION_KEY)
    if not session_id:
        return redirect("/")
    end_support_session(session_id=session_id, why="ended by staff")
    logout(request)
    return HttpResponseRedirect(public_url("/staff/support/ended/", request))


# --- public host ---------------------------------------------------------------------------------


@login_required
def support_continue(request):
    """After hijack signed staff in as the member here: on to the workspace host."""
    history = request.session.get("hijack_history") or []
    staff = User.objects.filter(pk=history[-1]).first() if history else None
    session = pending_session(staff=staff, member=request.user) if staff else None
    if session is None:
        return render(request, "404.html", status=404)
    try:
        token = handoff_to_workspace(session=session)
    except DomainError:
        return render(request, "404.html", status=404)
    return HttpResponseRedirect(
        workspace_url(session.organization.slug, f"/auth/handoff/?ticket={token}", request)
    )


def support_ended(request):
    """Where staff land after a session: hijack's release brings their own account back."""
    return render(
        request,
        "staff/support_release.html",
        {"hijacked": bool(request.session.get("hijack_history"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    blocking = sole_owned_workspaces(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user=request.user, confirm_email=form.cleaned_data["confirm_email"])
        except DomainError as exc:
            show_error(form, exc)
        else:
            logout(request)
            return render(request, "staff/account_deleted.html")
    status = 400 if form.errors else 200
    return render(
        request, "staff/account_delete.html", {"form": form, "blocking": blocking}, status=status
    )


def server_error(request, *args, **kwargs):
    """The 500 page, with the request id a maker can quote (also in the X-Request-ID header)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": get_guid() or ""}))
