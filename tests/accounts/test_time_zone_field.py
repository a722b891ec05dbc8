"""The time-zone fields: the full list without JavaScript, marked for timezone.js's search box, and
marked to start on the browser's zone only while the workspace has none of its own choosing."""

from __future__ import annotations

import re

from tenants.forms import ProfileForm, WorkspaceSettingsForm
from tests.conftest import make_member, page_text, workspace_client


def _select(html: str) -> str:
    return re.search(r'<select name="time_zone"[^>]*>', html).group(0)


def test_workspace_zone_is_searchable_and_starts_on_the_browser_zone_while_utc(org_a):
    org_a.time_zone = "UTC"
    org_a.save(update_fields=["time_zone"])
    html = page_text(
        workspace_client(make_member(org_a, "owner"), org_a).get("/settings/workspace/")
    )
    select = _select(html)
    assert "data-zone-search" in select and "data-zone-preselect" in select
    assert '<option value="Europe/Paris">' in html  # the whole list, for browsers without JS
    assert "batchtrack/timezone" in html


def test_a_chosen_zone_is_not_replaced():
    form = WorkspaceSettingsForm(initial={"name": "Acme", "time_zone": "Europe/Paris"})
    assert "data-zone-preselect" not in form.fields["time_zone"].widget.attrs
    bound = WorkspaceSettingsForm({"name": "Acme", "time_zone": "UTC"})
    assert "data-zone-preselect" not in bound.fields["time_zone"].widget.attrs


def test_the_profile_zone_is_searchable_and_keeps_same_as_the_workspace(org_a):
    html = page_text(workspace_client(make_member(org_a, "owner"), org_a).get("/settings/profile/"))
    select = _select(html)
    assert "data-zone-search" in select and "data-zone-preselect" not in select
    assert ProfileForm().fields["time_zone"].choices[0] == ("", "Same as the workspace")
