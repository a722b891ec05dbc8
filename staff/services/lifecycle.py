"""Deleting a workspace on its owner's request: cancel billing, suspend, and purge after a grace period.

`request_workspace_deletion` cancels the Stripe subscription first (through billing's service; if that
fails nothing changes), then suspends the workspace and schedules the purge GRACE_PERIOD later.
Staff may `expedite_deletion`. `purge_workspace` (run by the daily `staff.tasks.purge_deleted_workspaces`)
deletes the workspace's files, drops its schema and removes its public rows, its activity log included;
what remains is the WorkspaceDeletion row: numbers and dates, no names or addresses.
"""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from billing.services.cancellation import cancel_subscription_now
from outbox.models import OutboxMessage, PeriodicRun
from staff.errors import LifecycleError
from staff.models import WorkspaceDeletion
from tenants.audit import record_audit
from tenants.models import AuditEvent, Membership, Organization, User
from tenants.roles import Role
from tenants.services.organizations import suspend_organization

logger = logging.getLogger("staff.lifecycle")

GRACE_PERIOD = timedelta(days=30)
SUSPENDED_REASON = "Deletion requested by the owner"


def _tenant_connection() -> Any:
    # django-tenants' connection wrapper (Django's stubs know only the plain one).
    return cast(Any, connection)


def request_workspace_deletion(
    *, organization: Organization, actor: User, confirm_name: str
) -> WorkspaceDeletion:
    """Delete `organization` after the grace period. `actor` must be an owner and type the
    workspace's name. Raises LifecycleError (wrong name, not an owner, already requested) or
    BillingError (Stripe could not cancel: nothing changed)."""
    if " ".join((confirm_name or "").split()).lower() != organization.name.lower():
        raise LifecycleError(
            f"Type the workspace's name, {organization.name}, to confirm.", field="confirm_name"
        )
    if not Membership.objects.filter(
        organization=organization, user=actor, role=Role.OWNER
    ).exists():
        raise LifecycleError("Only an owner can delete the workspace.")
    if WorkspaceDeletion.objects.filter(organization=organization).exists():
        raise LifecycleError("Deletion of this workspace has already been requested.")
    # First, and outside our transaction: money must stop before anything else happens.
    canceled = cancel_subscription_now(organization=organization, actor=actor)
    now = timezone.now()
    with transaction.atomic():
        deletion = WorkspaceDeletion.objects.create(
            organization=organization,
            organization_number=organization.pk,
            requested_by_id=actor.pk,
            requested_at=now,
            purge_after=now + GRACE_PERIOD,
            subscription_canceled=canceled,
        )
        suspend_organization(organization=organization, reason=SUSPENDED_REASON, actor=actor)
        record_audit(
            organization=organization,
            actor=actor,
            action="workspace.deletion_requested",
            details={"purge_after": deletion.purge_after, "subscription_canceled": canceled},
        )
    return deletion


def expedite_deletion(*, deletion: WorkspaceDeletion, staff: User) -> WorkspaceDeletion:
    """Staff: purge at the next run instead of at the end of the grace period."""
    if deletion.purged_at is not None or deletion.organization is None:
        raise LifecycleError("This workspace has already been deleted.")
    with transaction.atomic():
        WorkspaceDeletion.objects.filter(pk=deletion.pk).update(
            purge_after=timezone.now(), expedited_by_id=staff.pk
        )
        record_audit(
            organization=deletion.organization, actor=staff, action="workspace.deletion_expedited"
        )
    deletion.refresh_from_db()
    return deletion


def due_deletions(now=None) -> list[WorkspaceDeletion]:
    return list(
        WorkspaceDeletion.objects.filter(
            purged_at__isnull=True,
            organization__isnull=False,
            purge_after__lte=now or timezone.now(),
        ).select_related("organization")
    )


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def workspace_models() -> list[type[models.Model]]:
    """Every model whose table lives in a workspace's schema (contenttypes excepted)."""
    labels = [a for a in settings.TENANT_APPS if a not in settings.SHARED_APPS]
    found: list[type[models.Model]] = []
    for label in labels:
        config = apps.get_app_config(label.rsplit(".", 1)[-1])
        found.extend(
            m
            for m in config.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        )
    return found


def _delete_files(organization: Organization) -> None:
    """Every file a workspace row points to, whatever storage holds it (S3 documents too), then
    the workspace's media folder."""
    with tenant_context(organization):
        for model in workspace_models():
            for name in _file_fields(model):
                for row in model._base_manager.exclude(**{name: ""}).iterator():
                    field_file = getattr(row, name)
                    if field_file:
                        field_file.storage.delete(field_file.name)
    folder = Path(settings.MEDIA_ROOT) / organization.schema_name
    if folder.is_dir():
        shutil.rmtree(folder)


def purge_workspace(*, deletion: WorkspaceDeletion) -> WorkspaceDeletion:
    """Remove everything of the workspace: files, schema, public rows (its activity log too).

    The activity log is append-only in the database; its trigger lets these rows go only inside
    this transaction, for this workspace (staff migration 0002). Idempotent: a purged deletion is
    returned as it is."""
    organization = deletion.organization
    if deletion.purged_at is not None or organization is None:
        return deletion
    _tenant_connection().set_schema_to_public()
    _delete_files(organization)
    schema = organization.schema_name
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('batchtrack.erasing_organization', %s, true)",
                [str(organization.pk)],
            )
        AuditEvent.objects.filter(organization=organization).delete()
        _delete_stripe_copies(organization)
        OutboxMessage.objects.filter(schema_name=schema).delete()
        PeriodicRun.objects.filter(schema_name=schema).delete()
        WorkspaceDeletion.objects.filter(pk=deletion.pk).update(purged_at=timezone.now())
        # Memberships, invitations, domains, grants, flags, billing events go with the row.
        cast(Any, organization).delete(force_drop=True)  # django-tenants: drops the schema
    _tenant_connection().set_schema_to_public()
    deletion.refresh_from_db()
    logger.info("Workspace #%s purged", deletion.organization_number)
    return deletion


def _delete_stripe_copies(organization: Organization) -> None:
    """dj-stripe's local copies of the customer (names, addresses) go too; Stripe keeps its own
    records under its retention rules."""
    from djstripe.models import Customer

    Customer.objects.filter(subscriber=organization).delete()
