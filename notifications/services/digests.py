"""Daily email digests: who gets one now, what it says, and sending it exactly once.

The dispatcher runs hourly in each workspace. A member gets the digest when DIGEST_HOUR o'clock in their
time zone (their profile's, else the workspace's) has passed since the dispatcher's previous run here
(normally: it is that hour now; after missed runs, up to CATCH_UP_HOURS late), their preference here is daily (the
default), they have not had today's, and something needs attention. The digest is recorded (one per
user and local day, unique in the database) and sent by a task through the outbox, so a retry, a second
dispatcher or a Redis outage neither loses nor doubles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications import texts
from notifications.models import Digest, DigestPreference, DigestRun
from notifications.selectors import Attention, attention, members_allowed
from notifications.zones import current_organization, user_zone
from tenants.links import workspace_url
from tenants.mail import workspace_sender
from tenants.models import User

DIGEST_HOUR = 7
# A digest that could not go out at 7:00 (no worker) still goes out until noon; later it is dropped.
CATCH_UP_HOURS = 5
_HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class DigestContent:
    subject: str
    body: str


def render_digest(
    found: Attention, *, zone: tzinfo, workspace_name: str, workspace_slug: str
) -> DigestContent | None:
    """The digest's subject and plain-text body, dates in `zone`; None when nothing needs attention."""
    if not found.count:
        return None
    sections: list[tuple[str, list[str]]] = []
    if found.low_stock:
        sections.append(("Low stock", [_low(item) for item in found.low_stock]))
    if found.expiring:
        title = f"Lots expiring within {found.expiring_within_days} days"
        sections.append(
            (title, [texts.expiring_lot_line(**_lot(lot), zone=zone) for lot in found.expiring])
        )
    if found.expired:
        sections.append(
            (
                "Expired lots",
                [texts.expired_lot_line(**_lot(lot), zone=zone) for lot in found.expired],
            )
        )
    if found.timers:
        sections.append(("Timers due", [_timer(timer, zone) for timer in found.timers]))
    lines = [f"Here is what needs attention in {workspace_name} today.", ""]
    for title, entries in sections:
        lines += [f"{title} ({len(entries)})", *(f"- {entry}" for entry in entries), ""]
    tenant_urls = "batchtrack.urls_tenant"
    lines += [
        "Your notifications: "
        + workspace_url(workspace_slug, reverse("notifications:list", urlconf=tenant_urls)),
        "Change or turn off this email: "
        + workspace_url(workspace_slug, reverse("notifications:preferences", urlconf=tenant_urls)),
    ]
    things = "1 thing needs" if found.count == 1 else f"{found.count} things need"
    return DigestContent(
        subject=f"{workspace_name}: {things} your attention", body="\n".join(lines) + "\n"
    )


def _low(item) -> str:
    return texts.low_stock_line(
        item=item.name,
        on_hand=item.on_hand,
        reserved=item.reserved,
        threshold=item.low_stock_threshold,
        unit=item.stock_unit,
    )


def _lot(lot) -> dict:
    return {
        "item": lot.item.name,
        "code": lot.code,
        "supplier_lot_code": lot.supplier_lot_code,
        "remaining": lot.quantity_remaining,
        "unit": lot.item.stock_unit,
        "expires_at": lot.expires_at,
    }


def _timer(timer, zone: tzinfo) -> str:
    return texts.timer_line(
        timer=timer.name, batch=timer.batch.display_code, due_at=timer.due, zone=zone
    )


def dispatch_digests(*, now: datetime) -> list[Digest]:
    """Record and queue the digests due at `now` in this workspace; returns the new ones.

    Each digest is created with its send task in one transaction (get_or_create on the unique
    (user, day)): running twice in the same hour creates nothing the second time.
    """
    from notifications.tasks import send_digest
    from outbox.services import enqueue

    organization = current_organization()
    since = _window_start(now)
    off = set(
        DigestPreference.objects.filter(frequency=DigestPreference.Frequency.OFF).values_list(
            "user_id", flat=True
        )
    )
    sees_inventory = {m.user_id for m in members_allowed("inventory.view")}
    sees_batches = {m.user_id for m in members_allowed("batches.view")}
    found_for: dict[tuple[bool, bool], Attention] = {}
    created: list[Digest] = []
    for membership in members_allowed("workspace.view"):
        user = membership.user
        if user.pk in off:
            continue
        zone = user_zone(user, organization)
        day = _digest_day(now.astimezone(zone), since)
        if day is None:
            continue
        if Digest.objects.filter(user_id=user.pk, day=day).exists():
            continue
        rights = (user.pk in sees_inventory, user.pk in sees_batches)
        if rights not in found_for:
            found_for[rights] = attention(now=now, inventory=rights[0], timers=rights[1])
        content = render_digest(
            found_for[rights],
            zone=zone,
            workspace_name=organization.name,
            workspace_slug=organization.slug,
        )
        if content is None:
            continue
        with transaction.atomic():
            digest, made = Digest.objects.get_or_create(
                user_id=user.pk,
                day=day,
                defaults={"subject": content.subject, "body": content.body, "created_at": now},
            )
            if made:
                enqueue(send_digest, digest.pk)
                created.append(digest)
    _record_run(now)
    return created


def _window_start(now: datetime) -> datetime:
    """Start of the window this run covers, (start, now]: the previous run (normally an hour ago),
    never more than CATCH_UP_HOURS back; an hour when there was none or the clock went back."""
    last = DigestRun.objects.values_list("ran_at", flat=True).first()
    if last is None or last >= now:
        return now - _HOUR
    return max(last, now - timedelta(hours=CATCH_UP_HOURS))


def _record_run(now: datetime) -> None:
    """Recorded after the digests, so a run that fails half-way is covered again by the next one."""
    with transaction.atomic():
        run, made = DigestRun.objects.select_for_update().get_or_create(
            pk=1, defaults={"ran_at": now}
        )
        if not made and now > run.ran_at:
            run.ran_at = now
            run.save(update_fields=["ran_at"])


def _digest_day(local_now: datetime, since: datetime):
    """The local day whose DIGEST_HOUR o'clock falls in (since, now], or None."""
    due = local_now.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if due > local_now:
        due -= timedelta(days=1)
    return due.date() if due > since else None


def deliver_digest(*, digest_id: int, now: datetime | None = None) -> bool:
    """Send one recorded digest unless it was sent already; True when sent now.

    Locks the digest row while sending, so two workers never both send it. A mail server failure
    propagates with nothing marked (the task retries). A user who is gone or inactive gets nothing.
    """
    with transaction.atomic():
        digest = Digest.objects.select_for_update().filter(pk=digest_id).first()
        if digest is None or digest.sent_at is not None:
            return False
        user = User.objects.filter(pk=digest.user_id, is_active=True).first()
        if user is None:
            return False
        sender = workspace_sender(current_organization().name)
        send_mail(digest.subject, digest.body, sender, [user.email])
        digest.sent_at = now or timezone.now()
        digest.save(update_fields=["sent_at"])
    return True
