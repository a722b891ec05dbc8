"""The periodic jobs' work, one function per scan, run inside a workspace's schema.

Each takes the instant to judge by (`now`), reads through inventory's and batches' selectors, and hands
its findings to `sync_alerts`, which raises each alert once. Nothing here changes stock: an expired lot
needs no write to count as expired (its expiry date is enough for FIFO, stock checks and reservations to
skip it), so "marking" it is the LOT_EXPIRED alert the maker is told of.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction

from batchtrack.tenancy import active_schema_name
from inventory.models import Item
from inventory.selectors import ledger_imbalances
from notifications.models import Alert
from notifications.selectors import (
    expired_lots,
    expiring_lots,
    expiry_alerts_included,
    low_stock_items,
    overdue_timers,
)
from notifications.services.alerts import Finding, SyncResult, sync_alerts

logger = logging.getLogger("notifications")


def scan_low_stock(*, now: datetime) -> SyncResult:
    """Alert on tracked, active items whose free stock is under their low-stock threshold."""
    findings = [
        Finding(
            item.pk,
            {
                "item_id": item.pk,
                "item": item.name,
                "on_hand": item.on_hand,
                "reserved": item.reserved,
                "threshold": item.low_stock_threshold,
                "unit": item.stock_unit,
            },
        )
        for item in low_stock_items(now=now)
    ]
    return sync_alerts(kind=Alert.Kind.LOW_STOCK, findings=findings, now=now)


def _lot_details(lot) -> dict:
    return {
        "item_id": lot.item_id,
        "item": lot.item.name,
        "lot_id": lot.pk,
        "code": lot.code,
        "supplier_lot_code": lot.supplier_lot_code,
        "remaining": lot.quantity_remaining,
        "unit": lot.item.stock_unit,
        "expires_at": lot.expires_at,
    }


def scan_expiring_lots(*, now: datetime, within_days: int | None = None) -> SyncResult:
    """Alert on open lots expiring within the window (the workspace's "expiring soon" preference
    unless given). The alert resolves once the lot expires, empties or gets a later date. Plans without
    expiry alerts find nothing, which also resolves what was open before a downgrade."""
    findings = (
        [
            Finding(lot.pk, _lot_details(lot))
            for lot in expiring_lots(now=now, within_days=within_days)
        ]
        if expiry_alerts_included()
        else []
    )
    return sync_alerts(kind=Alert.Kind.LOT_EXPIRING, findings=findings, now=now)


def scan_expired_lots(*, now: datetime) -> SyncResult:
    """Mark open lots whose expiry has passed as expired, and alert once per lot."""
    from inventory.services import mark_expired_lots

    mark_expired_lots(now=now)
    findings = [Finding(lot.pk, _lot_details(lot)) for lot in expired_lots(now=now)]
    return sync_alerts(kind=Alert.Kind.LOT_EXPIRED, findings=findings, now=now)


def scan_due_timers(*, now: datetime) -> SyncResult:
    """Alert on batch timers that have run their full duration and are not completed."""
    findings = [
        Finding(
            timer.pk,
            {
                "timer_id": timer.pk,
                "timer": timer.name,
                "batch_id": timer.batch_id,
                "batch": timer.batch.display_code,
                "due_at": timer.due,
            },
        )
        for timer in overdue_timers(now=now)
    ]
    return sync_alerts(kind=Alert.Kind.TIMER_DUE, findings=findings, now=now)


def audit_ledger(*, now: datetime) -> SyncResult:
    """Check the books of every item (`inventory.selectors.ledger_imbalances`): quantities (on hand ==
    lots == ledger) and money (stock value == paid in - charged out, and == the lots' value under FIFO).

    Any drift is logged at ERROR on every run that finds it; platform staff are emailed once per
    drifting item (the alert stays open until the item balances again), through the outbox so the
    email is not lost when Redis is down. Members are not notified.
    """
    from notifications.tasks import email_staff_about_drift
    from notifications.texts import ledger_drift_line
    from outbox.services import enqueue

    imbalances = ledger_imbalances()
    names = dict(
        Item.objects.filter(pk__in=[row.item_id for row in imbalances]).values_list("pk", "name")
    )
    findings = [
        Finding(
            row.item_id,
            {
                "item_id": row.item_id,
                "item": names.get(row.item_id, ""),
                "on_hand": row.on_hand,
                "lots_total": row.lots_total,
                "ledger_total": row.ledger_total,
                "stock_value": row.stock_value,
                "ledger_value": row.ledger_value,
                "lots_value": row.lots_value,
            },
        )
        for row in imbalances
    ]
    if findings:
        logger.error(
            "Ledger drift in workspace %s: %s item(s) out of balance: %s",
            active_schema_name(),
            len(findings),
            " | ".join(ledger_drift_line(**f.details) for f in findings),
        )
    with transaction.atomic():
        result = sync_alerts(kind=Alert.Kind.LEDGER_DRIFT, findings=findings, now=now)
        if result.raised:
            enqueue(email_staff_about_drift, [alert.pk for alert in result.raised])
    return result
