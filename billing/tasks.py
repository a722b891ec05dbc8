"""Background billing work: the nightly reconciliation with Stripe, and pruning old webhook history."""

from __future__ import annotations

import logging

from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_model

from batchtrack.celery import app
from billing import stripe_api

logger = logging.getLogger("billing")


@app.task
def reconcile_subscriptions(organization_id: int | None = None) -> dict:
    """Re-read each paying organization's subscription from Stripe and repair drift.

    Beat fans this out to every active workspace (tenants.scheduler), so inside a workspace's schema
    it reconciles that workspace; from the public schema it reconciles every organization with a
    Stripe customer; `organization_id` picks one. Skips cleanly without a Stripe key. One
    organization's failure is logged and does not stop the others.
    """
    from billing.services.reconcile import drift_of, reconcile_organization

    Organization = get_tenant_model()

    if not stripe_api.is_configured():
        logger.info("Stripe is not configured (no secret key): skipping billing reconciliation.")
        return {"skipped": "stripe not configured"}
    organizations = Organization.objects.exclude(stripe_customer_id="").order_by("pk")
    if organization_id is not None:
        organizations = organizations.filter(pk=organization_id)
    elif connection.schema_name != get_public_schema_name():
        organizations = organizations.filter(schema_name=connection.schema_name)
    summary = {"checked": 0, "repaired": 0, "failed": 0}
    for organization in organizations:
        summary["checked"] += 1
        try:
            event = reconcile_organization(organization=organization)
        except Exception:
            summary["failed"] += 1
            logger.exception("Billing reconciliation failed for organization %s", organization.pk)
            continue
        if drift_of(event):
            summary["repaired"] += 1
    logger.info("Billing reconciliation: %s", summary)
    return summary


@app.task
def purge_webhook_history() -> dict | None:
    """Daily, in the public schema (where dj-stripe's tables live)."""
    from django.utils import timezone

    from billing.services.retention import purge_webhook_history as purge

    if connection.schema_name != get_public_schema_name():
        return None
    return purge(now=timezone.now())
