"""Telling platform staff (users with is_staff) about ledger drift in a workspace."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Alert
from notifications.texts import ledger_drift_line
from notifications.zones import current_organization
from tenants.models import User

logger = logging.getLogger("notifications")


def email_staff_about_drift(*, alert_ids: list[int], now: datetime | None = None) -> int:
    """Email every active staff user one message listing the given drift alerts not emailed yet, then
    mark them emailed (at `now`). Locks the alerts, so two runs never send the same ones; a failed send changes
    nothing (the task retries). Returns how many people were emailed.
    """
    now = now or timezone.now()
    organization = current_organization()
    with transaction.atomic():
        alerts = list(
            Alert.objects.select_for_update()
            .filter(pk__in=alert_ids, kind=Alert.Kind.LEDGER_DRIFT, staff_emailed_at__isnull=True)
            .order_by("subject_id")
        )
        if not alerts:
            return 0
        recipients = list(
            User.objects.filter(is_staff=True, is_active=True)
            .order_by("email")
            .values_list("email", flat=True)
        )
        if not recipients:
            logger.error(
                "Ledger drift in workspace %s, but there is no platform staff user to email.",
                organization.schema_name,
            )
            return 0
        lines = "\n".join(f"- {ledger_drift_line(**_drift(alert.details))}" for alert in alerts)
        send_mail(
            f"Ledger drift in {organization.name} ({organization.schema_name}): "
            f"{len(alerts)} item(s)",
            f'The stock ledger of the workspace "{organization.name}" (schema '
            f"{organization.schema_name}) is out of balance. For every item, on hand must equal "
            "the sum of its lots' remaining quantities and the sum of its stock movements, and its "
            "stock value must equal what the ledger paid in less what it charged out (and, under "
            "FIFO, its lots' value).\n\n"
            f"{lines}\n\n"
            f"Found by the ledger audit at {alerts[0].raised_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC. "
            "The workspace's members have not been told.\n",
            None,
            recipients,
        )
        Alert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(staff_emailed_at=now)
    return len(recipients)


def _drift(details: dict) -> dict:
    names = (
        "item",
        "item_id",
        "on_hand",
        "lots_total",
        "ledger_total",
        "stock_value",
        "ledger_value",
        "lots_value",
    )
    return {name: details.get(name) for name in names}
