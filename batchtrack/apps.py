"""The project as an app: it joins tenants and billing, which do not import each other.

Wired here at start-up: the seats a workspace uses (tenants) feed billing's usage page, and
billing's activity lines go to the workspace's activity log (tenants.audit). The Organization admin
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


class BatchtrackConfig(AppConfig):
    name = "batchtrack"
    verbose_name = "BatchTrack"

    def ready(self) -> None:
        from billing.signals import activity
        from billing.usage import register_counter
        from tenants.selectors import seats_taken

        register_counter("members", seats_taken)
        activity.connect(_record_billing_activity, dispatch_uid="batchtrack.billing_activity")
