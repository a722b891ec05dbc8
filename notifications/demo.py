"""Demo data: run the alert scans once, so the demo workspace opens with its notifications."""

from __future__ import annotations

from django.utils import timezone

from notifications import services


def seed(*, organization, owner) -> None:
    now = timezone.now()
    services.scan_low_stock(now=now)
    services.scan_expiring_lots(now=now)
    services.scan_expired_lots(now=now)
    services.scan_due_timers(now=now)
