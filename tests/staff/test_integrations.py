"""The integration checks page: what is configured and working, never a secret."""

from __future__ import annotations

from django.core import mail

from outbox.models import OutboxMessage
from staff.integrations import celery_check, outbox_check, pending_migration_count
from tests.conftest import public_client


def test_page_shows_states_without_secrets(db, staff_user, settings):
    settings.STRIPE_TEST_SECRET_KEY = "sk_test_" + "s" * 32
    settings.GOOGLE_CLIENT_ID = "client-id-123.apps.example"
    settings.GOOGLE_CLIENT_SECRET = "google-secret-value"
    response = public_client(staff_user).get("/staff/integrations/")
    assert response.status_code == 200
    text = response.content.decode()
    for name in (
        "Email",
        "Stripe",
        "Google sign-in",
        "File storage",
        "Redis",
        "Celery beat",
        "Celery workers",
        "Outbox",
        "Migrations",
    ):
        assert f"<td>{name}</td>" in text
    for secret in ("sk_test_", "google-secret-value", "client-id-123"):
        assert secret not in text


def test_send_a_test_email(db, staff_user):
    response = public_client(staff_user).post("/staff/integrations/")
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert f"Sent to {staff_user.email}." in response.content.decode()


def test_no_workspace_has_pending_migrations(org_a, org_b):
    behind, total = pending_migration_count()
    assert behind == 0 and total >= 2


def test_outbox_backlog_is_counted(db):
    assert outbox_check().state == "ok"
    OutboxMessage.objects.create(task_name="outbox.tasks.flush_outbox", schema_name="public")
    check = outbox_check()
    assert check.state == "warning" and check.detail.startswith("1 task(s) waiting")


def test_celery_never_seen(db):
    from outbox.models import PeriodicRun

    PeriodicRun.objects.all().delete()
    assert [c.state for c in celery_check()] == ["warning", "warning"]


def test_non_staff_are_sent_to_the_admin_login(db):
    from tests.conftest import make_user

    response = public_client(make_user()).get("/staff/integrations/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
