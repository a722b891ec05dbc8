"""Signal receivers of the staff console, connected in StaffConfig.ready."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in
from django.core.signals import got_request_exception

from tenants.audit import ACTIONS

logger = logging.getLogger("staff")

AUDIT_ACTIONS = {
    "support.access_granted": "Granted support access",
    "support.access_revoked": "Turned support access off",
    "support.started": "Support started viewing the workspace as",
    "support.ended": "Support session ended for",
    "support.page_viewed": "Support viewed a page as",
    "support.change_made": "Support made a change as",
    "support.change_refused": "Support was refused a change (read-only) as",
    "flag.changed": "Changed a feature flag",
    "flag.cleared": "Reset a feature flag",
    "workspace.export_requested": "Asked for an export of everything",
    "workspace.deletion_requested": "Asked to delete the workspace",
    "workspace.deletion_expedited": "Staff brought the workspace's deletion forward",
    "member.account_deleted": "A member deleted their account",
}


def _on_request_exception(sender, request=None, **kwargs) -> None:
    import sys

    from staff.services.errors import record_server_error
    from tenants.middleware import is_workspace_request

    exc = sys.exc_info()[1]
    if exc is None:
        return
    workspace = request.tenant.schema_name if request and is_workspace_request(request) else ""
    record_server_error(exc=exc, path=getattr(request, "path", ""), workspace=workspace)


def _on_login(sender, request=None, user=None, **kwargs) -> None:
    """A workspace sign-in by a support ticket becomes a support session."""
    from staff.middleware import SESSION_KEY
    from staff.services.support import enter_by_ticket
    from tenants.middleware import is_workspace_request

    if request is None or not is_workspace_request(request):
        return
    session = enter_by_ticket(ticket=request.GET.get("ticket", ""), organization=request.tenant)
    if session is not None and session.member_id == user.pk:
        request.session[SESSION_KEY] = session.pk
        # django-hijack's marker: this session is someone acting as `user`.
        request.session["hijack_history"] = [str(session.staff_user_id)]


def _on_hijack_ended(sender, request=None, hijacker=None, hijacked=None, **kwargs) -> None:
    from staff.models import SupportSession
    from staff.services.support import end_support_session

    for session_id in SupportSession.objects.filter(
        staff_user=hijacker, member=hijacked, ended_at__isnull=True
    ).values_list("pk", flat=True):
        end_support_session(session_id=session_id, why="ended by staff")


def _on_task_success(sender=None, **kwargs) -> None:
    """The nightly ledger audit's result, copied to the public schema for the dashboard."""
    if getattr(sender, "name", None) != "notifications.tasks.audit_ledger":
        return
    from staff.services.audits import record_ledger_audit

    try:
        record_ledger_audit()
    except Exception:  # the audit itself succeeded; the dashboard copy must never fail it
        logger.exception("Ledger audit result not copied for the dashboard")


def connect() -> None:
    from celery.signals import task_success
    from hijack.signals import hijack_ended

    ACTIONS.update(AUDIT_ACTIONS)
    got_request_exception.connect(_on_request_exception, dispatch_uid="staff.error_inbox")
    user_logged_in.connect(_on_login, dispatch_uid="staff.support_login")
    hijack_ended.connect(_on_hijack_ended, dispatch_uid="staff.hijack_ended")
    task_success.connect(_on_task_success, weak=False, dispatch_uid="staff.ledger_audit")
