"""Support access: our policy around django-hijack's mechanics.

Policy: staff may view a workspace as one of its members only while the owner's grant is active
(Settings -> Data & privacy, off by default, with an expiry; it may allow changes) or, without a
grant, under the `staff.break_glass` permission with a written reason (read-only). Every session is
recorded: its start and end here, each page and each change by staff.middleware, all in the
workspace's activity log, which its owners read.

The way in: the admin form calls `start_support_session`; hijack's acquire view (permission check
`may_hijack`) signs the staff member in as the member on the public host; `continue_url` hands that
over to the workspace host with a one-time ticket (tenants.services.handoff) whose hash the session
keeps, so the workspace host marks exactly that sign-in as a support session (staff.receivers).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from staff.errors import SupportAccessRefused, SupportGrantError
from staff.models import SupportGrant, SupportSession
from tenants.audit import record_audit
from tenants.models import Membership, Organization, User
from tenants.services.handoff import issue_handoff
from tenants.services.tokens import hash_token

if TYPE_CHECKING:
    from datetime import datetime

# The longest one session may last, whatever the grant says.
SESSION_LENGTH = timedelta(hours=2)
BREAK_GLASS_LENGTH = timedelta(hours=1)
GRANT_DAYS = (1, 3, 7, 14)


def active_grant(organization: Organization, now: datetime | None = None) -> SupportGrant | None:
    grant = SupportGrant.objects.filter(organization=organization).first()
    return grant if grant is not None and grant.is_active(now) else None


def grant_support_access(
    *, organization: Organization, actor: User, days: int, allow_changes: bool
) -> SupportGrant:
    """The owner lets support in for `days` days (one of GRANT_DAYS), read-only unless
    `allow_changes`. Replaces an earlier grant. Raises SupportGrantError for another length."""
    if days not in GRANT_DAYS:
        raise SupportGrantError(
            "Choose how long support may look: "
            + ", ".join(f"{d} day{'s' if d > 1 else ''}" for d in GRANT_DAYS)
            + ".",
            field="days",
        )
    now = timezone.now()
    with transaction.atomic():
        grant, _ = SupportGrant.objects.select_for_update().update_or_create(
            organization=organization,
            defaults={
                "granted_by": actor,
                "granted_at": now,
                "expires_at": now + timedelta(days=days),
                "allow_changes": allow_changes,
            },
        )
        record_audit(
            organization=organization,
            actor=actor,
            action="support.access_granted",
            details={"until": grant.expires_at, "allow_changes": allow_changes},
        )
    return grant


def revoke_support_access(*, organization: Organization, actor: User) -> None:
    """Turn support access off now; open sessions end at their next request."""
    now = timezone.now()
    with transaction.atomic():
        changed = SupportGrant.objects.filter(organization=organization, expires_at__gt=now).update(
            expires_at=now
        )
        for session in SupportSession.objects.select_for_update().filter(
            organization=organization, ended_at__isnull=True, break_glass=False
        ):
            _end(session, now=now, why="access revoked by the owner")
        if changed:
            record_audit(organization=organization, actor=actor, action="support.access_revoked")


def start_support_session(
    *, staff: User, organization: Organization, member: User, reason: str = ""
) -> SupportSession:
    """Open a session for `staff` to view `organization` as `member`.

    Allowed under the owner's active grant (changes as the grant says), or without one when `staff`
    has `staff.break_glass` and writes a reason (read-only). Raises SupportAccessRefused otherwise,
    and for a member of another workspace or a non-staff user. Records `support.started`."""
    reason = " ".join((reason or "").split())
    if not (staff.is_active and staff.is_staff):
        raise SupportAccessRefused("Only platform staff can open a support session.")
    if not Membership.objects.filter(organization=organization, user=member).exists():
        raise SupportAccessRefused(
            f"{member.email} is not a member of {organization.name}.", field="member"
        )
    now = timezone.now()
    grant = active_grant(organization, now)
    if grant is not None:
        expires_at = min(grant.expires_at, now + SESSION_LENGTH)
        allow_changes, break_glass = grant.allow_changes, False
    elif not staff.has_perm("staff.break_glass"):
        raise SupportAccessRefused(
            f"The owner of {organization.name} has not granted support access. Ask them to turn it "
            "on under Settings, Data & privacy.",
            field="member",
        )
    elif not reason:
        raise SupportAccessRefused(
            "Without the owner's grant, write why you need access (break-glass).", field="reason"
        )
    else:
        expires_at, allow_changes, break_glass = now + BREAK_GLASS_LENGTH, False, True
    with transaction.atomic():
        session = SupportSession.objects.create(
            staff_user=staff,
            staff_email=staff.email,
            organization=organization,
            member=member,
            member_email=member.email,
            reason=reason,
            break_glass=break_glass,
            allow_changes=allow_changes,
            started_at=now,
            expires_at=expires_at,
        )
        record_audit(
            organization=organization,
            actor=staff,
            action="support.started",
            target=member.email,
            details={
                "session": session.pk,
                "break_glass": break_glass,
                "reason": reason,
                "allow_changes": allow_changes,
                "until": expires_at,
            },
        )
    return session


def pending_session(*, staff: User, member: User) -> SupportSession | None:
    """The open session `staff` started for `member` that has not reached the workspace yet."""
    return (
        SupportSession.objects.filter(
            staff_user=staff,
            member=member,
            ended_at__isnull=True,
            entered_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-started_at")
        .first()
    )


def may_hijack(*, hijacker, hijacked) -> bool:
    """django-hijack's permission check (HIJACK_PERMISSION_CHECK): only into a session the policy
    opened a moment ago."""
    if not hijacked or not hijacker.is_authenticated or not hijacker.is_staff:
        return False
    return pending_session(staff=hijacker, member=hijacked) is not None


def handoff_to_workspace(*, session: SupportSession) -> str:
    """Issue the one-time ticket that signs the member in on the workspace host for this session."""
    if not session.is_open() or session.entered_at is not None or session.member is None:
        raise SupportAccessRefused("This support session has ended. Start a new one.")
    token = issue_handoff(user=session.member, organization=session.organization, next_path="/")
    SupportSession.objects.filter(pk=session.pk).update(handoff_token_hash=hash_token(token))
    return token


def enter_by_ticket(*, ticket: str, organization: Organization) -> SupportSession | None:
    """The session a workspace sign-in ticket was issued for, marked entered; None for an ordinary
    sign-in."""
    if not ticket:
        return None
    with transaction.atomic():
        session = (
            SupportSession.objects.select_for_update()
            .filter(
                handoff_token_hash=hash_token(ticket),
                organization=organization,
                entered_at__isnull=True,
            )
            .first()
        )
        if session is None or not session.is_open():
            return None
        session.entered_at = timezone.now()
        session.save(update_fields=["entered_at"])
    return session


def _end(session: SupportSession, *, now: datetime, why: str) -> None:
    session.ended_at = now
    session.save(update_fields=["ended_at"])
    record_audit(
        organization=session.organization,
        actor=session.staff_user,
        action="support.ended",
        target=session.member_email,
        details={"session": session.pk, "why": why},
    )


def end_support_session(*, session_id: int, why: str) -> SupportSession | None:
    """End the session (idempotent): by staff, on expiry, or when the owner revokes access."""
    with transaction.atomic():
        session = (
            SupportSession.objects.select_for_update(of=("self",))
            .select_related("organization", "staff_user")
            .filter(pk=session_id)
            .first()
        )
        if session is not None and session.ended_at is None:
            _end(session, now=timezone.now(), why=why)
    return session


def record_support_request(
    *, session: SupportSession, method: str, path: str, status: int, refused: bool = False
) -> None:
    """One page seen or one change made (or refused) in a support session, in the activity log."""
    if refused:
        action = "support.change_refused"
    elif method in ("GET", "HEAD"):
        action = "support.page_viewed"
    else:
        action = "support.change_made"
    with transaction.atomic():
        record_audit(
            organization=session.organization,
            actor=session.staff_user,
            action=action,
            target=session.member_email,
            details={"session": session.pk, "method": method, "path": path[:300], "status": status},
        )
