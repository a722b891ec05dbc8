"""Each periodic alert job, run as its Celery task (eager) in a real workspace schema: exactly the
expected alerts and notifications, and none again on a re-run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from batches.services import complete_timer, pause_timer
from inventory import services as inventory
from inventory.models import Lot
from notifications import tasks
from notifications.models import Alert, Notification
from notifications.services import scan_expiring_lots
from tenants.models import Organization
from tests.conftest import make_member, make_user
from tests.inventory.factories import ItemFactory, stock
from tests.jobs.conftest import (
    NOW,
    alerts,
    lot_expiring_at,
    low_item,
    notified,
    running_timer,
    set_time_zone,
)


@pytest.fixture
def members(org_a, org_b):
    """One active member per role in acme, plus people who must not be notified there."""
    people = {role: make_member(org_a, role) for role in ("owner", "admin", "production", "viewer")}
    gone = make_member(org_a, "owner")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    make_member(org_b, "owner")  # another workspace's member
    make_user()  # nobody's member
    return people


def member_ids(members) -> list[int]:
    return sorted(user.pk for user in members.values())


def test_low_stock_scan_notifies_each_member_once(acme, members):
    lavender = low_item("Lavender oil", on_hand="120", threshold="500")
    stock(ItemFactory(name="Shea butter", low_stock_threshold=100), "500")
    empty = low_item("Jojoba oil", on_hand="0", threshold="50")
    untracked = ItemFactory(name="Tap water", is_tracked=False, low_stock_threshold=10)
    archived = low_item("Old oil", on_hand="1", threshold="50")
    archived.is_archived = True
    archived.save(update_fields=["is_archived"])

    result = tasks.scan_low_stock.delay(now=NOW.isoformat()).get()

    assert result == {"raised": 2, "resolved": 0, "notified": 8}
    assert alerts() == sorted([("low_stock", lavender.pk), ("low_stock", empty.pk)])
    assert notified() == sorted(
        (item.pk, user_id) for item in (lavender, empty) for user_id in member_ids(members)
    )
    assert untracked.pk not in [subject for _, subject in alerts()]
    alert = Alert.objects.get(subject_id=lavender.pk)
    assert (alert.day, alert.raised_at, alert.resolved_at) == (NOW.date(), NOW, None)
    assert alert.details == {
        "item_id": lavender.pk,
        "item": "Lavender oil",
        "on_hand": "120.000000",
        "reserved": "0.000000",
        "threshold": "500.000000",
        "unit": "g",
    }


def test_low_stock_scan_run_again_raises_nothing(acme, members):
    low_item()
    tasks.scan_low_stock.delay(now=NOW.isoformat())
    before = (alerts(), notified())

    again = tasks.scan_low_stock.delay(now=(NOW + timedelta(hours=1)).isoformat()).get()
    retried = tasks.scan_low_stock.delay(now=NOW.isoformat()).get()

    assert again == retried == {"raised": 0, "resolved": 0, "notified": 0}
    assert (alerts(), notified()) == before


def test_reserved_stock_counts_against_the_threshold(acme, members):
    beeswax = low_item("Beeswax", on_hand="600", threshold="500")
    tasks.scan_low_stock.delay(now=NOW.isoformat())
    assert alerts() == []

    inventory.reserve(item=beeswax, quantity="150", reference=("order", 7))
    tasks.scan_low_stock.delay(now=(NOW + timedelta(hours=1)).isoformat())

    assert alerts() == [("low_stock", beeswax.pk)]
    assert Alert.objects.get().details["reserved"] == "150.000000"


def test_a_low_stock_alert_resolves_when_restocked_and_returns_the_next_day(acme, members):
    lavender = low_item()
    tasks.scan_low_stock.delay(now=NOW.isoformat())

    stock(lavender, "1000")
    restocked = tasks.scan_low_stock.delay(now=(NOW + timedelta(hours=1)).isoformat()).get()
    assert restocked == {"raised": 0, "resolved": 1, "notified": 0}
    first = Alert.objects.get()
    assert first.resolved_at == NOW + timedelta(hours=1)

    inventory.adjust(item=lavender, kind="trash", quantity="1000")
    same_day = tasks.scan_low_stock.delay(now=(NOW + timedelta(hours=2)).isoformat()).get()
    assert same_day["raised"] == 0

    next_day = tasks.scan_low_stock.delay(now=(NOW + timedelta(days=1)).isoformat()).get()
    assert next_day == {"raised": 1, "resolved": 0, "notified": 4}
    assert list(Alert.objects.order_by("day").values_list("day", "resolved_at")) == [
        (NOW.date(), NOW + timedelta(hours=1)),
        ((NOW + timedelta(days=1)).date(), None),
    ]


def test_alert_day_is_the_workspaces_date(acme, members):
    set_time_zone(acme, "Pacific/Auckland")  # 07:00 UTC on 15 Jan is 20:00 on 15 Jan there
    low_item()
    tasks.scan_low_stock.delay(now=(NOW + timedelta(hours=12)).isoformat())  # 09:00 on the 16th
    assert Alert.objects.get().day.isoformat() == "2031-01-16"


def test_expiring_lots_scan_uses_the_window(expiry_alerts, members):
    soon = lot_expiring_at("Shea butter", NOW + timedelta(days=3), supplier_lot_code="SB-9")
    edge = lot_expiring_at("Cocoa butter", NOW + timedelta(days=30))
    lot_expiring_at("Mango butter", NOW + timedelta(days=31))
    lot_expiring_at("Olive oil", NOW - timedelta(days=1))  # expired: the other scan's
    stock(ItemFactory(name="Lye"), "1000")  # never expires

    result = tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()

    assert result == {"raised": 2, "resolved": 0, "notified": 8}
    assert alerts() == [("lot_expiring", soon.pk), ("lot_expiring", edge.pk)]
    assert Alert.objects.get(subject_id=soon.pk).details == {
        "item_id": soon.item_id,
        "item": "Shea butter",
        "lot_id": soon.pk,
        "code": f"L{soon.pk}",
        "supplier_lot_code": "SB-9",
        "remaining": "2000.000000",
        "unit": "g",
        "expires_at": "2031-01-18T07:00:00Z",
    }
    assert tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()["raised"] == 0


def test_plans_without_expiry_alerts_are_not_warned_ahead_but_still_told_of_expired_lots(
    expiry_alerts, members
):
    from billing.services.complimentary import end_complimentary

    soon = lot_expiring_at("Shea butter", NOW + timedelta(days=3))
    expired = lot_expiring_at("Olive oil", NOW - timedelta(days=1))
    assert tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()["raised"] == 1

    end_complimentary(organization=expiry_alerts, ended_by=None)  # back to Free
    expiry_alerts.refresh_from_db()
    result = tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()
    assert (result["raised"], result["resolved"]) == (0, 1)  # the open warning is closed
    assert tasks.scan_expired_lots.delay(now=NOW.isoformat()).get()["raised"] == 1
    assert Alert.objects.filter(resolved_at__isnull=True).get().subject_id == expired.pk
    assert Alert.objects.get(kind="lot_expiring").subject_id == soon.pk


def test_expiring_window_follows_the_workspace_preference_or_the_argument(expiry_alerts, members):
    lot = lot_expiring_at("Shea butter", NOW + timedelta(days=20))
    assert scan_expiring_lots(now=NOW, within_days=14).raised == []

    inventory.update_preferences(expiring_soon_days=14)
    assert tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()["raised"] == 0
    inventory.update_preferences(expiring_soon_days=21)
    assert tasks.scan_expiring_lots.delay(now=NOW.isoformat()).get()["raised"] == 1
    assert alerts() == [("lot_expiring", lot.pk)]


def test_expired_lots_scan_marks_each_lot_once(acme, members):
    expired = lot_expiring_at("Olive oil", NOW - timedelta(days=1), quantity="500")
    emptied = lot_expiring_at("Coconut oil", NOW - timedelta(days=2))
    inventory.adjust(item=emptied.item, kind="trash", lot=emptied, quantity="2000")
    archived = lot_expiring_at("Old wax", NOW - timedelta(days=3))
    archived.item.is_archived = True
    archived.item.save(update_fields=["is_archived"])
    lot_expiring_at("Shea butter", NOW + timedelta(days=3))

    result = tasks.scan_expired_lots.delay(now=NOW.isoformat()).get()

    assert result == {"raised": 1, "resolved": 0, "notified": 4}
    assert alerts() == [("lot_expired", expired.pk)]
    expired.refresh_from_db()
    assert expired.marked_expired_at == NOW
    assert not Lot.objects.filter(expires_at__gt=NOW).exclude(marked_expired_at=None).exists()
    assert notified() == [(expired.pk, user_id) for user_id in member_ids(members)]
    for hour in (1, 2, 30):
        later = (NOW + timedelta(hours=hour)).isoformat()
        assert tasks.scan_expired_lots.delay(now=later).get()["raised"] == 0
    assert Alert.objects.count() == 1


def test_a_lot_moves_from_expiring_to_expired(expiry_alerts, members):
    lot = lot_expiring_at("Shea butter", NOW + timedelta(days=3))
    for scan in (tasks.scan_expiring_lots, tasks.scan_expired_lots):
        scan.delay(now=NOW.isoformat())
    assert alerts() == [("lot_expiring", lot.pk)]

    later = (NOW + timedelta(days=4)).isoformat()
    assert tasks.scan_expiring_lots.delay(now=later).get()["resolved"] == 1
    assert tasks.scan_expired_lots.delay(now=later).get()["raised"] == 1

    assert alerts() == [("lot_expired", lot.pk), ("lot_expiring", lot.pk)]
    assert list(Alert.objects.filter(resolved_at__isnull=True).values_list("kind", flat=True)) == [
        "lot_expired"
    ]
    assert Notification.objects.count() == 8


def test_due_timers_scan(acme, members):
    gel = running_timer("Gel phase", minutes=60)
    running_timer("Cure", minutes=600)
    done = running_timer("Trace", minutes=30)
    complete_timer(timer=done)
    paused = running_timer("Rest", minutes=45)
    pause_timer(timer=paused)
    now = timezone.now() + timedelta(hours=2)

    result = tasks.scan_due_timers.delay(now=now.isoformat()).get()

    assert result == {"raised": 1, "resolved": 0, "notified": 4}
    assert alerts() == [("timer_due", gel.pk)]
    alert = Alert.objects.get()
    assert alert.details == {
        "timer_id": gel.pk,
        "timer": "Gel phase",
        "batch_id": gel.batch_id,
        "batch": gel.batch.display_code,
        "due_at": DjangoJSONEncoder().default(gel.running_since + timedelta(minutes=60)),
    }
    assert tasks.scan_due_timers.delay(now=now.isoformat()).get()["raised"] == 0

    complete_timer(timer=gel)
    resolved = tasks.scan_due_timers.delay(now=(now + timedelta(minutes=2)).isoformat()).get()
    assert resolved == {"raised": 0, "resolved": 1, "notified": 0}


def test_a_timer_not_yet_due_raises_nothing(acme, members):
    running_timer("Gel phase", minutes=60)
    now = timezone.now() + timedelta(minutes=30)
    assert tasks.scan_due_timers.delay(now=now.isoformat()).get()["raised"] == 0


def test_jobs_do_nothing_in_the_public_schema(db, caplog):
    connection.set_schema_to_public()
    assert tasks.scan_low_stock.delay(now=NOW.isoformat()).get() is None
    assert "skipped in the public schema" in caplog.text


def test_jobs_do_nothing_in_a_suspended_workspace(org_b, in_workspace):
    make_member(org_b, "owner")
    with in_workspace(org_b):
        low_item()
        Organization.objects.filter(pk=org_b.pk).update(status=Organization.Status.SUSPENDED)
        org_b.status = Organization.Status.SUSPENDED
        for task in (tasks.scan_low_stock, tasks.scan_expired_lots, tasks.audit_ledger):
            assert task.delay(now=NOW.isoformat()).get() is None
        assert Alert.objects.count() == 0


def test_now_must_carry_its_offset(acme):
    with pytest.raises(ValueError, match="ISO 8601"):
        tasks.scan_low_stock.delay(now="2031-01-15T07:00:00")


def test_demo_seed_raises_the_current_alerts_once(acme, members):
    from notifications import demo

    lavender = low_item()
    owner = members["owner"]
    demo.seed(organization=acme, owner=owner)
    demo.seed(organization=acme, owner=owner)
    assert alerts() == [("low_stock", lavender.pk)]
    assert Notification.objects.filter(user_id=owner.pk).count() == 1
