"""The only code that writes alerts, notifications, digest preferences and digests."""

from notifications.services.alerts import AUDIENCE, Finding, SyncResult, sync_alerts
from notifications.services.digests import (
    DIGEST_HOUR,
    DigestContent,
    deliver_digest,
    dispatch_digests,
    render_digest,
)
from notifications.services.preferences import InvalidFrequency, set_digest_frequency
from notifications.services.reading import mark_all_read, mark_read
from notifications.services.scans import (
    audit_ledger,
    scan_due_timers,
    scan_expired_lots,
    scan_expiring_lots,
    scan_low_stock,
)
from notifications.services.staff import email_staff_about_drift

__all__ = [
    "AUDIENCE",
    "DIGEST_HOUR",
    "DigestContent",
    "Finding",
    "InvalidFrequency",
    "SyncResult",
    "audit_ledger",
    "deliver_digest",
    "dispatch_digests",
    "email_staff_about_drift",
    "mark_all_read",
    "mark_read",
    "render_digest",
    "scan_due_timers",
    "scan_expired_lots",
    "scan_expiring_lots",
    "scan_low_stock",
    "set_digest_frequency",
    "sync_alerts",
]
