"""Deleting a workspace: Stripe cancelled first (faked at the HTTP layer), suspended at once, purged
after the grace period (or sooner when staff expedite) with no schema, file or personal data left."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import stripe
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tenants.utils import schema_exists, tenant_context

from staff.models import WorkspaceDeletion
from staff.services.lifecycle import GRACE_PERIOD
from staff.tasks import purge_deleted_workspaces
from tenants.models import AuditEvent, Domain, Membership, Organization, User
from tests.billing.stripe_fake import FakeStripe
from tests.conftest import ensure_workspace, make_member, page_text, public_client, workspace_client

SUBSCRIPTION = "/v1/subscriptions/sub_doomed"


@pytest.fixture
def fake_stripe(settings):
    settings.STRIPE_TEST_SECRET_KEY = "sk_test_" + "d" * 32
    previous = stripe.default_http_client
    fake = FakeStripe()
    stripe.default_http_client = fake
    yield fake
    stripe.default_http_client = previous


@pytest.fixture(scope="session")
def doomed_schema(django_db_setup, django_db_blocker):
    """The schema, built once and committed; each test's purge drops it inside the test's
    transaction, which rolls back."""
    with django_db_blocker.unblock():
        ensure_workspace("doomed", "Doomed Candles")


@pytest.fixture
def doomed(db, doomed_schema):
    organization = ensure_workspace("doomed", "Doomed Candles")
    Organization.objects.filter(pk=organization.pk).update(
        tier="maker",
        billing_status="active",
        stripe_customer_id="cus_doomed",
        stripe_subscription_id="sub_doomed",
    )
    organization.refresh_from_db()
    return organization


@pytest.fixture
def owner(doomed):
    return make_member(doomed, "owner", email="doomed-owner@example.com")


def _delete(owner, organization, name=None):
    return workspace_client(owner, organization).post(
        "/settings/data/delete/", {"confirm_name": name or organization.name}
    )


def test_deletion_cancels_stripe_then_suspends(doomed, owner, fake_stripe):
    fake_stripe.on("DELETE", SUBSCRIPTION, {"id": "sub_doomed", "object": "subscription"})
    response = _delete(owner, doomed)
    assert response.status_code == 200
    assert "will be erased on" in page_text(response)
    assert len(fake_stripe.calls("DELETE", SUBSCRIPTION)) == 1
    doomed.refresh_from_db()
    assert doomed.is_suspended
    assert doomed.billing_status == "canceled"
    deletion = WorkspaceDeletion.objects.get(organization=doomed)
    assert deletion.subscription_canceled is True
    assert abs(deletion.purge_after - (deletion.requested_at + GRACE_PERIOD)) < timedelta(seconds=1)
    assert "workspace.deletion_requested" in AuditEvent.objects.filter(
        organization=doomed
    ).values_list("action", flat=True)


def test_stripe_failure_changes_nothing(doomed, owner, fake_stripe):
    fake_stripe.on(
        "DELETE",
        SUBSCRIPTION,
        lambda request: (500, {"error": {"type": "api_error", "message": "Stripe is down"}}),
    )
    response = _delete(owner, doomed)
    assert response.status_code == 400
    assert "Nothing was changed" in page_text(response)
    doomed.refresh_from_db()
    assert not doomed.is_suspended
    assert doomed.billing_status == "active"
    assert not WorkspaceDeletion.objects.exists()
    assert not AuditEvent.objects.filter(organization=doomed).exists()


def test_wrong_name_is_refused(doomed, owner, fake_stripe):
    response = _delete(owner, doomed, name="Some other name")
    assert response.status_code == 400
    assert "to confirm" in page_text(response)
    assert fake_stripe.calls() == []
    assert not WorkspaceDeletion.objects.exists()


def test_admins_cannot_delete(doomed, fake_stripe):
    admin = make_member(doomed, "admin")
    assert _delete(admin, doomed).status_code == 403
    assert fake_stripe.calls() == []


def _workspace_file(organization) -> Path:
    with tenant_context(organization):
        name = default_storage.save("reports/leftover.csv", ContentFile(b"secret,row"))
        return Path(default_storage.path(name))


def test_purge_waits_for_the_grace_period(doomed, owner, fake_stripe):
    fake_stripe.on("DELETE", SUBSCRIPTION, {"id": "sub_doomed", "object": "subscription"})
    _delete(owner, doomed)
    assert purge_deleted_workspaces() == 0
    assert schema_exists(doomed.schema_name)


def test_purge_leaves_no_schema_file_or_personal_data(doomed, owner, fake_stripe):
    fake_stripe.on("DELETE", SUBSCRIPTION, {"id": "sub_doomed", "object": "subscription"})
    _delete(owner, doomed)
    leftover = _workspace_file(doomed)
    assert leftover.exists()
    WorkspaceDeletion.objects.update(purge_after=timezone.now() - timedelta(minutes=1))

    assert purge_deleted_workspaces() == 1

    assert not schema_exists(doomed.schema_name)
    assert not leftover.exists()
    assert not (Path(settings.MEDIA_ROOT) / doomed.schema_name).exists()
    assert not Organization.objects.filter(pk=doomed.pk).exists()
    assert not Domain.objects.filter(tenant_id=doomed.pk).exists()
    assert not Membership.objects.filter(organization_id=doomed.pk).exists()
    assert not AuditEvent.objects.filter(organization_id=doomed.pk).exists()
    # The owner's account stays: only the workspace was deleted.
    assert User.objects.filter(pk=owner.pk).exists()
    record = WorkspaceDeletion.objects.get()
    assert record.organization_id is None and record.purged_at is not None
    kept = " ".join(str(getattr(record, f.attname)) for f in record._meta.concrete_fields)
    for personal in ("doomed", "Doomed", owner.email):
        assert personal not in kept


def test_audit_log_stays_append_only_outside_a_purge(org_a):
    from django.db import DatabaseError, transaction

    from tenants.audit import record_audit

    with transaction.atomic():
        event = record_audit(organization=org_a, actor=None, action="workspace.settings_changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_staff_expedite_the_purge(doomed, owner, fake_stripe, staff_user):
    fake_stripe.on("DELETE", SUBSCRIPTION, {"id": "sub_doomed", "object": "subscription"})
    _delete(owner, doomed)
    staff_user.is_superuser = True
    staff_user.save()
    deletion = WorkspaceDeletion.objects.get()
    response = public_client(staff_user).post(
        "/admin/staff/workspacedeletion/",
        {"action": "expedite", "_selected_action": [deletion.pk]},
    )
    assert response.status_code == 302
    deletion.refresh_from_db()
    assert deletion.purge_after <= timezone.now()
    assert deletion.expedited_by_id == staff_user.pk
    assert purge_deleted_workspaces() == 1
    assert not schema_exists(doomed.schema_name)


def test_workspace_without_a_subscription_skips_stripe(org_a, fake_stripe):
    owner = make_member(org_a, "owner")
    from staff.services.lifecycle import request_workspace_deletion

    deletion = request_workspace_deletion(
        organization=org_a, actor=owner, confirm_name=org_a.name.upper()
    )
    assert deletion.subscription_canceled is False
    assert fake_stripe.calls() == []
