"""The notification center on the workspace host: list, unread badge, mark read, digest preference,
per member and per workspace."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from notifications.models import DigestPreference, Notification
from notifications.services import scan_expired_lots, scan_low_stock
from tenants.models import Membership
from tests.conftest import make_member, page_text, workspace_client
from tests.jobs.conftest import NOW, lot_expiring_at, low_item

ROLES = ["owner", "admin", "production", "viewer"]


def raise_low_stock(organization, name: str = "Lavender oil") -> int:
    """A low item and its alert in `organization`; returns the item id."""
    with tenant_context(organization):
        item = low_item(name)
        scan_low_stock(now=NOW)
        return item.pk


def notification_of(organization, user) -> Notification:
    with tenant_context(organization):
        return Notification.objects.select_related("alert").get(user_id=user.pk)


def unread(organization, user) -> int:
    with tenant_context(organization):
        return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


@pytest.mark.parametrize("role", ROLES)
def test_every_member_sees_their_notifications_and_the_badge(org_a, role):
    member = make_member(org_a, role)
    raise_low_stock(org_a)
    client = workspace_client(member, org_a)

    text = page_text(client.get("/notifications/"))

    assert "Low stock: Lavender oil: 120 g on hand, below your threshold of 500 g" in text
    assert "1 unread." in text
    assert 'Notifications</span> <span class="badge' in text
    badge = page_text(client.get("/"))
    assert '<span class="badge rounded-pill text-bg-danger">1<span' in badge


def test_no_badge_when_everything_is_read(org_a):
    member = make_member(org_a, "owner")
    text = page_text(workspace_client(member, org_a).get("/"))
    assert '<span class="nav-compact-label">Notifications</span></a>' in text
    assert "text-bg-danger" not in text


def test_mark_one_read(org_a):
    reader, other = make_member(org_a, "owner"), make_member(org_a, "viewer")
    raise_low_stock(org_a)
    notification = notification_of(org_a, reader)

    response = workspace_client(reader, org_a).post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert unread(org_a, reader) == 0
    assert unread(org_a, other) == 1
    again = workspace_client(reader, org_a).post(f"/notifications/{notification.pk}/read/")
    assert again.status_code == 302
    assert notification_of(org_a, reader).read_at is not None


def test_open_marks_read_and_goes_to_the_item(org_a):
    reader = make_member(org_a, "production")
    item_id = raise_low_stock(org_a)
    notification = notification_of(org_a, reader)

    response = workspace_client(reader, org_a).post(
        f"/notifications/{notification.pk}/read/", {"open": "1"}
    )

    assert response["Location"] == f"/inventory/items/{item_id}/"
    assert unread(org_a, reader) == 0


def test_mark_all_read(org_a):
    reader, other = make_member(org_a, "viewer"), make_member(org_a, "admin")
    raise_low_stock(org_a, "Lavender oil")
    with tenant_context(org_a):
        lot_expiring_at("Olive oil", NOW.replace(year=2030))
        scan_expired_lots(now=NOW)
    assert unread(org_a, reader) == 2

    response = workspace_client(reader, org_a).post("/notifications/read-all/", follow=True)

    assert "Marked 2 read." in page_text(response)
    assert "You are all caught up." in page_text(response)
    assert unread(org_a, reader) == 0
    assert unread(org_a, other) == 2


def test_another_members_notification_is_a_404(org_a):
    reader, other = make_member(org_a, "owner"), make_member(org_a, "owner")
    raise_low_stock(org_a)
    theirs = notification_of(org_a, other)

    response = workspace_client(reader, org_a).post(f"/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    assert unread(org_a, other) == 1


def test_a_missing_notification_is_a_404(org_a):
    reader = make_member(org_a, "viewer")
    assert workspace_client(reader, org_a).post("/notifications/999999/read/").status_code == 404


def test_one_workspaces_notifications_never_show_in_another(org_a, org_b):
    both = make_member(org_b, "owner")
    Membership.objects.create(user=both, organization=org_a, role="owner")
    raise_low_stock(org_b, "Globex wax")
    foreign = notification_of(org_b, both)

    on_acme = workspace_client(both, org_a)
    assert "Globex wax" not in page_text(on_acme.get("/notifications/"))
    assert "text-bg-danger" not in page_text(on_acme.get("/"))
    assert on_acme.post(f"/notifications/{foreign.pk}/read/").status_code == 404
    assert unread(org_b, both) == 1

    outsider = make_member(org_a, "owner")
    assert workspace_client(outsider, org_b).get("/notifications/").status_code == 404
    assert (
        workspace_client(outsider, org_b).post(f"/notifications/{foreign.pk}/read/").status_code
        == 404
    )
    assert "Globex wax" in page_text(workspace_client(both, org_b).get("/notifications/"))


@pytest.mark.parametrize("role", ROLES)
def test_digest_preference_page(org_a, role):
    member = make_member(org_a, role)
    client = workspace_client(member, org_a)

    page = page_text(client.get("/notifications/preferences/"))
    assert "around 7:00 in the workspace's time zone (UTC)" in page
    assert '<option value="daily" selected>' in page

    response = client.post("/notifications/preferences/", {"frequency": "off"}, follow=True)
    assert "Your email preference was saved." in page_text(response)
    assert '<option value="off" selected>' in page_text(response)
    with tenant_context(org_a):
        assert list(DigestPreference.objects.values_list("user_id", "frequency")) == [
            (member.pk, "off")
        ]


def test_digest_preference_names_the_users_own_zone(org_a):
    member = make_member(org_a, "viewer")
    member.time_zone = "Europe/Paris"
    member.save(update_fields=["time_zone"])
    page = page_text(workspace_client(member, org_a).get("/notifications/preferences/"))
    assert "around 7:00 in your time zone (Europe/Paris)" in page


def test_a_bad_digest_choice_changes_nothing(org_a):
    member = make_member(org_a, "owner")
    response = workspace_client(member, org_a).post(
        "/notifications/preferences/", {"frequency": "hourly"}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in page_text(response)
    with tenant_context(org_a):
        assert DigestPreference.objects.count() == 0


def test_preferences_are_per_workspace(org_a, org_b):
    both = make_member(org_a, "owner")
    Membership.objects.create(user=both, organization=org_b, role="viewer")
    workspace_client(both, org_a).post("/notifications/preferences/", {"frequency": "off"})
    with tenant_context(org_b):
        assert DigestPreference.objects.count() == 0
    assert '<option value="daily" selected>' in page_text(
        workspace_client(both, org_b).get("/notifications/preferences/")
    )


def test_pages_of_notifications_go_newer_and_older_at_a_fixed_cost(org_a):
    from notifications.views import PAGE_SIZE
    from tests.ui.conftest import statements

    member = make_member(org_a, "owner")
    client = workspace_client(member, org_a)
    client.get("/notifications/")  # a first visit also fills the request cache
    empty, empty_sql = statements(client, "/notifications/")
    assert "No notifications yet." in page_text(empty)
    for n in range(PAGE_SIZE + 2):
        raise_low_stock(org_a, f"Oil {n:02}")

    client.get("/notifications/")  # the unread count, cached, was dropped by the new alerts
    first, first_sql = statements(client, "/notifications/")
    text = page_text(first)
    assert f"{PAGE_SIZE + 2} unread." in text
    assert text.count("Low stock: Oil") == PAGE_SIZE
    assert ">Older</a>" in text and ">Newer</a>" not in text
    # No count for the pager, and one unread count shared by the badge and the page.
    assert len(first_sql) == len(empty_sql)

    older = page_text(client.get("/notifications/?page=2"))
    assert older.count("Low stock: Oil") == 2
    assert ">Newer</a>" in older and ">Older</a>" not in older
    assert "No older notifications." in page_text(client.get("/notifications/?page=9"))
    assert page_text(client.get("/notifications/?page=x")).count("Low stock: Oil") == PAGE_SIZE
