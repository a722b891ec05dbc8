"""Owners and admins rename the workspace and set its time zone; the change is in the activity log,
bad input is refused plainly, and the web address never changes."""

from __future__ import annotations

import pytest

from tenants.errors import WorkspaceSettingsError
from tenants.models import AuditEvent, Organization
from tenants.services.organizations import update_workspace_settings
from tests.conftest import make_member, page_text, workspace_client


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_owners_and_admins_rename_the_workspace_and_set_its_time_zone(org_a, role):
    member = make_member(org_a, role)
    client = workspace_client(member, org_a)
    assert 'href="/settings/workspace/"' in page_text(client.get("/"))

    response = client.post(
        "/settings/workspace/",
        {"name": "  Acme   Candles ", "time_zone": "Europe/Paris"},
        follow=True,
    )

    assert "Workspace settings saved." in page_text(response)
    org = Organization.objects.get(pk=org_a.pk)
    assert (org.name, org.time_zone, org.slug) == ("Acme Candles", "Europe/Paris", "acme")
    event = AuditEvent.objects.get(organization=org, action="workspace.settings_changed")
    assert event.actor_id == member.pk
    assert event.details["name"]["to"] == "Acme Candles"
    assert event.details["time_zone"] == {"from": org_a.time_zone, "to": "Europe/Paris"}
    assert "Acme Candles" in page_text(client.get("/"))  # the workspace name in the layout


@pytest.mark.parametrize("role", ["production", "viewer"])
def test_other_roles_cannot_change_settings(org_a, role):
    client = workspace_client(make_member(org_a, role), org_a)
    assert 'href="/settings/workspace/"' not in page_text(client.get("/"))
    assert client.post("/settings/workspace/", {"name": "X", "time_zone": "UTC"}).status_code == 403
    assert Organization.objects.get(pk=org_a.pk).name == org_a.name


@pytest.mark.parametrize(
    ("name", "zone", "message"),
    [
        ("   ", "UTC", "Give the workspace a name."),
        ("x" * 121, "UTC", "A workspace name can be at most 120 characters."),
        ("Acme", "Mars/Olympus", "Mars/Olympus is not a time zone we know."),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(org_a, name, zone, message):
    with pytest.raises(WorkspaceSettingsError, match=message):
        update_workspace_settings(organization=org_a, name=name, time_zone=zone)
    assert Organization.objects.get(pk=org_a.pk).name == org_a.name
    assert not AuditEvent.objects.filter(action="workspace.settings_changed").exists()


def test_the_page_shows_a_plain_error_and_saving_nothing_new_records_nothing(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    page = page_text(client.post("/settings/workspace/", {"name": " ", "time_zone": "UTC"}))
    assert "Give the workspace a name." in page
    client.post("/settings/workspace/", {"name": org_a.name, "time_zone": org_a.time_zone})
    assert not AuditEvent.objects.filter(action="workspace.settings_changed").exists()
