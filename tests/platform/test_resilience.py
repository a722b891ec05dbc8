"""With Redis stopped (our own instance: see conftest), pages load, people sign in, and changes commit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from outbox.models import OutboxMessage
from tenants.models import AuditEvent, Invitation, Membership
from tests.conftest import PASSWORD, make_member, page_text, public_client, workspace_client


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/healthz"])
def test_public_pages_load_with_redis_down(db, redis_outage, path):
    redis_outage.stop()
    assert public_client().get(path).status_code == 200


@pytest.mark.parametrize(
    "path", ["/", "/settings/members/", "/settings/activity/", "/settings/profile/"]
)
def test_workspace_pages_load_with_redis_down(org_a, owner_a, redis_outage, path):
    redis_outage.stop()
    assert workspace_client(owner_a, org_a).get(path).status_code == 200


def test_sign_in_works_with_redis_down(org_a, redis_outage):
    make_member(org_a, "owner", email="maker@example.com")
    redis_outage.stop()
    response = public_client().post(
        "/accounts/login/", {"login": "maker@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/workspaces/"


def test_password_reset_works_with_redis_down(
    org_a, redis_outage, django_capture_on_commit_callbacks
):
    from outbox.services import flush_outbox

    make_member(org_a, "owner", email="forgetful@example.com")
    redis_outage.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = public_client().post(
            "/accounts/password/reset/", {"email": "forgetful@example.com"}
        )
    assert response.status_code == 302
    # The email waits in the outbox until Redis is back; a worker then sends it.
    assert mail.outbox == []
    assert OutboxMessage.objects.get().task_name == "tenants.tasks.send_account_email"
    redis_outage.start()
    assert flush_outbox().sent == 1


def test_member_changes_commit_with_redis_down(org_a, owner_a, redis_outage):
    worker = make_member(org_a, "viewer", email="worker@example.com")
    membership = Membership.objects.get(user=worker)
    redis_outage.stop()
    client = workspace_client(owner_a, org_a)
    response = client.post(f"/settings/members/{membership.pk}/role/", {"role": "production"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "production"
    assert AuditEvent.objects.get(organization=org_a).action == "member.role_changed"


def test_invitation_is_sent_with_redis_down(
    org_a, owner_a, redis_outage, django_capture_on_commit_callbacks
):
    redis_outage.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = workspace_client(owner_a, org_a).post(
            "/settings/members/invite/", {"email": "friend@example.com", "role": "viewer"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organization=org_a)
    assert invitation.email == "friend@example.com"
    # The email waits in the outbox, recorded with the invitation, until Redis is back.
    waiting = OutboxMessage.objects.get(task_name="tenants.tasks.send_invitation")
    assert (waiting.sent_at, waiting.args[0]) == (None, invitation.pk)
    redis_outage.start()
    from outbox.services import flush_outbox

    assert flush_outbox().sent == 1


def test_stock_changes_commit_with_redis_down(org_a, in_workspace, redis_outage):
    from inventory.models import Lot, Movement
    from inventory.services import create_item, receive

    redis_outage.stop()
    with in_workspace(org_a):
        item = create_item(organization=org_a, name="Olive oil", stock_unit="g")
        receive(item=item, quantity=Decimal("1000"), unit="g", unit_cost=Decimal("0.012"))
        assert Lot.objects.get(item=item).quantity_remaining == Decimal("1000")
        assert list(Movement.objects.filter(item=item).values_list("quantity", flat=True)) == [
            Decimal("1000")
        ]


def test_background_work_waits_for_redis_and_the_page_still_answers(
    org_a, owner_a, redis_outage, django_capture_on_commit_callbacks
):
    from outbox.services import enqueue, flush_outbox

    redis_outage.stop()
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("outbox.tasks.flush_outbox")
    assert OutboxMessage.objects.get().sent_at is None
    assert "Members" in page_text(workspace_client(owner_a, org_a).get("/"))
    redis_outage.start()
    assert flush_outbox().sent == 1
