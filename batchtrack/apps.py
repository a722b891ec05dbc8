"""The project as an app: it joins tenants and billing, which do not import each other.

Wired here at start-up: the seats a workspace uses (tenants) feed billing's usage page, and
billing's activity lines go to the workspace's activity log (tenants.audit), and billing's writes to
the organization row drop the request cache's entries (tenants.request_cache). The Organization admin
gets billing's columns and actions in batchtrack/admin.py; `can` (role AND tier) lives in
batchtrack/access.py. Project-wide commands (`seed_demo`, `rundev`) live in batchtrack/management.
"""

from __future__ import annotations

from django.apps import AppConfig


def _record_billing_activity(sender, *, organization, actor, action, target, details, **kwargs):
    from tenants.audit import record_audit

    record_audit(
        organization=organization, actor=actor, action=action, target=target, details=details
    )


def _forget_billed_workspace(sender, instance, **kwargs):
    """Billing writes the organization row with update() (no signal), then records the event: the
    request cache (tenants/request_cache.py) drops the workspace's entries then."""
    if instance.organization_id is not None:
        from tenants.request_cache import forget_workspace

        forget_workspace(instance.organization_id)


class BatchtrackConfig(AppConfig):
    name = "batchtrack"
    verbose_name = "BatchTrack"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from billing.models import BillingEvent
        from billing.signals import activity
        from billing.usage import register_counter
        from tenants.selectors import seats_taken

        register_counter("members", seats_taken)
        activity.connect(_record_billing_activity, dispatch_uid="batchtrack.billing_activity")
        post_save.connect(
            _forget_billed_workspace, sender=BillingEvent, dispatch_uid="batchtrack.billing_cache"
        )
