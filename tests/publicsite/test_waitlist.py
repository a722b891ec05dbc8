"""The waitlist: email confirmation through the outbox, honeypot and rate limit, admin CSV."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from outbox.models import OutboxMessage
from publicsite.models import WaitlistEntry
from publicsite.services import join_waitlist, waitlist_token
from tests.conftest import make_user, public_client
from tests.publicsite.helpers import text_of


def post(client, **overrides):
    data = {"email": "maker@example.com", "feature": "shop_sync", "note": "Etsy please"}
    data.update(overrides)
    return client.post("/waitlist/", data)


def test_joining_stores_the_entry_and_emails_a_confirmation_link(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(public_client())
    assert response.status_code == 200
    assert "We sent a confirmation link to maker@example.com" in text_of(response)
    entry = WaitlistEntry.objects.get()
    assert (entry.email, entry.feature, entry.note) == (
        "maker@example.com",
        "shop_sync",
        "Etsy please",
    )
    assert entry.confirmed_at is None
    assert OutboxMessage.objects.filter(task_name="tenants.tasks.send_account_email").count() == 1
    assert mail.outbox[-1].to == ["maker@example.com"]
    link = re.search(r"http://localhost(/waitlist/confirm/\S+/)", mail.outbox[-1].body)
    assert link is not None

    confirmed = public_client().get(link.group(1))
    assert "You're on the list" in text_of(confirmed)
    entry.refresh_from_db()
    assert entry.confirmed_at is not None


def test_the_honeypot_refuses_and_stores_nothing(db):
    response = post(public_client(), website="http://spam.example")
    assert response.status_code == 400
    assert "We could not take this sign-up." in text_of(response)
    assert WaitlistEntry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_the_sixth_sign_up_in_an_hour_from_one_address_is_refused(db):
    client = public_client()
    for n in range(5):
        assert post(client, email=f"m{n}@example.com").status_code == 200
    response = post(client, email="m6@example.com")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert WaitlistEntry.objects.count() == 5


def test_the_same_address_is_stored_once_per_feature(db):
    join_waitlist(email="Maker@example.com", feature="api")
    join_waitlist(email="maker@EXAMPLE.com", feature="api")
    assert WaitlistEntry.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"feature": "teleport"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_a_clear_error(db, data, message):
    response = post(public_client(), **data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert WaitlistEntry.objects.count() == 0


def test_service_refuses_what_the_form_would(db):
    from publicsite.errors import WaitlistRefused

    with pytest.raises(WaitlistRefused, match="valid email"):
        join_waitlist(email="x", feature="api")
    with pytest.raises(WaitlistRefused, match="Choose which feature"):
        join_waitlist(email="a@example.com", feature="nope")


def test_a_broken_link_says_so(db):
    response = public_client().get("/waitlist/confirm/nonsense/")
    assert response.status_code == 410
    assert "broken or has expired" in text_of(response)
    entry = join_waitlist(email="a@example.com", feature="api")
    token = waitlist_token(entry)
    entry.delete()
    response = public_client().get(f"/waitlist/confirm/{token}/")
    assert "no longer exists" in text_of(response)


def test_staff_see_the_waitlist_in_admin_and_download_it_as_csv(db):
    join_waitlist(email="a@example.com", feature="api")
    join_waitlist(email="b@example.com", feature="shop_sync", note="=HYPERLINK(1)")
    staff = make_user("staff@example.com", is_staff=True, is_superuser=True)
    client = public_client(staff)
    listing = client.get("/admin/publicsite/waitlistentry/")
    assert "a@example.com" in text_of(listing)
    ids = list(WaitlistEntry.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/publicsite/waitlistentry/",
        {"action": "export_csv", "_selected_action": ids},
    )
    assert response["Content-Type"] == "text/csv"
    lines = response.content.decode().splitlines()
    assert lines[0] == "email,feature,note,joined,confirmed"
    assert lines[1].startswith("a@example.com,api,,")
    assert lines[2].startswith("b@example.com,shop_sync,'=HYPERLINK(1),")
