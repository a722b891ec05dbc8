"""The ledger invariant audit: silent when balanced; on drift, an ERROR log line on every run and one
email to platform staff per drifting item, members never told."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection

from notifications import tasks
from notifications.models import Alert, Notification
from tests.conftest import make_member, make_user
from tests.inventory.factories import ItemFactory, stock
from tests.jobs.conftest import NOW


@pytest.fixture
def people(org_a):
    make_member(org_a, "owner")
    staff = [
        make_user("ops@example.com", is_staff=True),
        make_user("alice@example.com", is_staff=True),
    ]
    make_user("retired@example.com", is_staff=True, is_active=False)
    make_user("maker@example.com")
    return staff


@pytest.fixture
def oils(acme):
    olive = ItemFactory(name="Olive oil", stock_unit="g")
    stock(olive, "100")
    stock(olive, "250")
    shea = ItemFactory(name="Shea butter", stock_unit="g")
    stock(shea, "40")
    return olive, shea


def drift(item, by: str) -> None:
    """Change the balance behind the services' back: the ledger itself is append-only."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE inventory_item SET on_hand = on_hand + %s WHERE id = %s", [by, item.pk]
        )


def run_audit(capture, at=NOW) -> dict:
    with capture(execute=True):
        return tasks.audit_ledger.delay(now=at.isoformat()).get()


def test_balanced_ledger_raises_nothing(oils, people, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.INFO, logger="notifications"):
        result = run_audit(django_capture_on_commit_callbacks)
    assert result == {"raised": 0, "resolved": 0, "notified": 0}
    assert Alert.objects.count() == 0
    assert mail.outbox == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_drift_emails_staff_and_logs(oils, people, caplog, django_capture_on_commit_callbacks):
    olive, _ = oils
    drift(olive, "5")

    with caplog.at_level(logging.INFO, logger="notifications"):
        result = run_audit(django_capture_on_commit_callbacks)

    assert result == {"raised": 1, "resolved": 0, "notified": 0}
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "notifications"] == [
        (
            "ERROR",
            "Ledger drift in workspace acme: 1 item(s) out of balance: "
            f"Olive oil (item {olive.pk}): on hand 355, lots 350, ledger 350; stock value 350, "
            "paid in less charged out 350, lots' value 350",
        )
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com", "ops@example.com"]
    assert message.subject == "Ledger drift in Acme Soap Works (acme): 1 item(s)"
    assert message.body == (
        'The stock ledger of the workspace "Acme Soap Works" (schema acme) is out of balance. '
        "For every item, on hand must equal the sum of its lots' remaining quantities and the sum "
        "of its stock movements, and its stock value must equal what the ledger paid in less what "
        "it charged out (and, under FIFO, its lots' value).\n\n"
        f"- Olive oil (item {olive.pk}): on hand 355, lots 350, ledger 350; stock value 350, "
        "paid in less charged out 350, lots' value 350\n\n"
        "Found by the ledger audit at 2031-01-15 07:00 UTC. "
        "The workspace's members have not been told.\n"
    )
    alert = Alert.objects.get()
    assert (alert.kind, alert.subject_id, alert.raised_at) == ("ledger_drift", olive.pk, NOW)
    assert alert.staff_emailed_at is not None
    assert Notification.objects.count() == 0


def test_a_value_drift_is_reported_though_the_quantities_agree(
    oils, people, caplog, django_capture_on_commit_callbacks
):
    olive, _ = oils
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE inventory_item SET stock_value = stock_value - 0.01 WHERE id = %s", [olive.pk]
        )

    with caplog.at_level(logging.INFO, logger="notifications"):
        result = run_audit(django_capture_on_commit_callbacks)

    assert result == {"raised": 1, "resolved": 0, "notified": 0}
    assert (
        f"Olive oil (item {olive.pk}): on hand 350, lots 350, ledger 350; stock value 349.99, "
        "paid in less charged out 350, lots' value 350" in mail.outbox[0].body
    )
    assert [r.levelname for r in caplog.records if r.name == "notifications"] == ["ERROR"]


def test_drift_is_emailed_once_but_logged_on_every_run(
    oils, people, caplog, django_capture_on_commit_callbacks
):
    olive, shea = oils
    drift(olive, "-20")
    run_audit(django_capture_on_commit_callbacks)
    caplog.clear()

    with caplog.at_level(logging.ERROR, logger="notifications"):
        again = run_audit(django_capture_on_commit_callbacks, NOW + timedelta(days=1))

    assert again == {"raised": 0, "resolved": 0, "notified": 0}
    assert len(mail.outbox) == 1
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1

    drift(shea, "1")
    run_audit(django_capture_on_commit_callbacks, NOW + timedelta(days=2))
    assert len(mail.outbox) == 2
    assert f"- Shea butter (item {shea.pk}): on hand 41, lots 40, ledger 40" in mail.outbox[1].body
    assert "Olive oil" not in mail.outbox[1].body


def test_drift_resolves_once_balanced_again(oils, people, django_capture_on_commit_callbacks):
    olive, _ = oils
    drift(olive, "5")
    run_audit(django_capture_on_commit_callbacks)
    drift(olive, "-5")

    result = run_audit(django_capture_on_commit_callbacks, NOW + timedelta(hours=1))

    assert result == {"raised": 0, "resolved": 1, "notified": 0}
    assert Alert.objects.get().resolved_at == NOW + timedelta(hours=1)
    assert len(mail.outbox) == 1


def test_the_staff_email_task_sends_each_alert_once(
    oils, people, django_capture_on_commit_callbacks
):
    olive, _ = oils
    drift(olive, "5")
    run_audit(django_capture_on_commit_callbacks)
    alert = Alert.objects.get()
    assert tasks.email_staff_about_drift.delay([alert.pk]).get() == 0
    assert len(mail.outbox) == 1
