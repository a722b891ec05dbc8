"""A person deletes their account; the last owner of a workspace must hand it on or delete it."""

from __future__ import annotations

import pytest

from staff.errors import AccountDeletionBlocked
from staff.services.accounts import delete_account
from tenants.models import AuditEvent, Membership, User
from tests.conftest import make_member, page_text, public_client


def test_member_deletes_their_account(org_a):
    make_member(org_a, "owner")
    member = make_member(org_a, "viewer")
    client = public_client(member)
    assert client.get("/account/delete/").status_code == 200
    response = client.post("/account/delete/", {"confirm_email": member.email.upper()})
    assert response.status_code == 200
    assert "Your account is deleted" in page_text(response)
    assert not User.objects.filter(pk=member.pk).exists()
    event = AuditEvent.objects.get(organization=org_a, action="member.account_deleted")
    assert (event.actor_email, event.target) == ("", "")


def test_last_owner_must_transfer_or_delete_first(org_a):
    owner = make_member(org_a, "owner")
    client = public_client(owner)
    assert org_a.name in page_text(client.get("/account/delete/"))
    response = client.post("/account/delete/", {"confirm_email": owner.email})
    assert response.status_code == 400
    assert f"You are the only owner of {org_a.name}" in page_text(response)
    assert User.objects.filter(pk=owner.pk).exists()
    assert Membership.objects.filter(user=owner).exists()


def test_an_owner_with_a_co_owner_may_go(org_a):
    owner = make_member(org_a, "owner")
    make_member(org_a, "owner")
    delete_account(user=owner, confirm_email=owner.email)
    assert not User.objects.filter(pk=owner.pk).exists()


def test_a_workspace_being_deleted_does_not_block(org_a):
    from staff.services.lifecycle import request_workspace_deletion

    owner = make_member(org_a, "owner")
    request_workspace_deletion(organization=org_a, actor=owner, confirm_name=org_a.name)
    delete_account(user=owner, confirm_email=owner.email)
    assert not User.objects.filter(pk=owner.pk).exists()


def test_wrong_address_is_refused(org_a):
    member = make_member(org_a, "viewer")
    with pytest.raises(AccountDeletionBlocked):
        delete_account(user=member, confirm_email="someone@else.example")
    assert User.objects.filter(pk=member.pk).exists()
