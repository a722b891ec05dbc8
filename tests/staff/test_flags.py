"""Feature flags: default, global override, per-workspace override both ways, cached, audited."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.test import RequestFactory

from staff.errors import UnknownFlag
from staff.flags import CACHE_KEY, REGISTRY, flag_enabled, flag_required
from staff.models import FlagOverride
from staff.services.flags import clear_flag, set_flag
from tenants.middleware import public_organization
from tenants.models import AuditEvent
from tests.conftest import public_client


def test_registry_declares_key_description_default_owner():
    for key in ("new_tools", "shop_sync", "ai_assistant"):
        flag = REGISTRY[key]
        assert flag.description and flag.owner and flag.default is False


def test_default_applies_without_overrides(org_a):
    assert flag_enabled("shop_sync", org_a) is False
    assert flag_enabled("shop_sync") is False


def test_global_override_applies_to_every_workspace(org_a, org_b, staff_user):
    set_flag(key="shop_sync", enabled=True, organization=None, actor=staff_user)
    assert flag_enabled("shop_sync", org_a) is True
    assert flag_enabled("shop_sync", org_b) is True


def test_workspace_override_beats_the_global_one(org_a, org_b, staff_user):
    set_flag(key="new_tools", enabled=True, organization=None, actor=staff_user)
    set_flag(key="new_tools", enabled=False, organization=org_b, actor=staff_user)
    set_flag(key="ai_assistant", enabled=True, organization=org_a, actor=staff_user)
    assert flag_enabled("new_tools", org_a) is True
    assert flag_enabled("new_tools", org_b) is False
    assert flag_enabled("ai_assistant", org_a) is True
    assert flag_enabled("ai_assistant", org_b) is False
    clear_flag(key="new_tools", organization=org_b, actor=staff_user)
    assert flag_enabled("new_tools", org_b) is True


def test_reads_are_cached(org_a, staff_user, django_assert_num_queries):
    set_flag(key="shop_sync", enabled=True, organization=org_a, actor=staff_user)
    flag_enabled("shop_sync", org_a)
    with django_assert_num_queries(0):
        assert flag_enabled("shop_sync", org_a) is True
        assert flag_enabled("new_tools", org_a) is False
    assert caches["global"].get(CACHE_KEY) is not None


def test_changes_are_audited(org_a, staff_user):
    set_flag(key="shop_sync", enabled=True, organization=org_a, actor=staff_user)
    set_flag(key="shop_sync", enabled=True, organization=None, actor=staff_user)
    clear_flag(key="shop_sync", organization=org_a, actor=staff_user)
    assert list(
        AuditEvent.objects.filter(organization=org_a).values_list("action", "target", "details")
    ) == [
        ("flag.cleared", "shop_sync", {"scope": "workspace"}),
        ("flag.changed", "shop_sync", {"enabled": True, "scope": "workspace"}),
    ]
    everyone = AuditEvent.objects.get(organization=public_organization())
    assert (everyone.action, everyone.actor_email) == ("flag.changed", staff_user.email)


def test_unknown_flag_is_refused(org_a, staff_user):
    with pytest.raises(UnknownFlag):
        flag_enabled("no_such_flag", org_a)
    with pytest.raises(UnknownFlag):
        set_flag(key="no_such_flag", enabled=True, organization=None, actor=staff_user)
    assert not FlagOverride.objects.exists()


def test_template_tag_reads_the_page_workspace(org_a, staff_user):
    set_flag(key="ai_assistant", enabled=True, organization=org_a, actor=staff_user)
    request = RequestFactory().get("/")
    request.tenant = org_a
    template = Template(
        '{% load flags %}{% flag_enabled "ai_assistant" as on %}{% if on %}AI on{% endif %}'
    )
    assert template.render(Context({"request": request})) == "AI on"
    request.tenant = None
    assert template.render(Context({"request": request})) == ""


def test_flag_required_hides_the_view(org_a, staff_user):
    from django.http import Http404, HttpResponse

    view = flag_required("new_tools")(lambda request: HttpResponse("tools"))
    request = RequestFactory().get("/")
    request.tenant = org_a
    with pytest.raises(Http404):
        view(request)
    set_flag(key="new_tools", enabled=True, organization=org_a, actor=staff_user)
    assert view(request).content == b"tools"


def test_staff_toggle_flags_in_the_admin(org_a, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client = public_client(staff_user)
    listing = client.get("/admin/staff/flagoverride/")
    assert listing.status_code == 200
    assert "shop_sync" in listing.content.decode()
    response = client.post(
        "/admin/staff/flagoverride/add/",
        {"key": "shop_sync", "organization": org_a.pk, "enabled": "on"},
    )
    assert response.status_code == 302
    assert flag_enabled("shop_sync", org_a) is True
    override = FlagOverride.objects.get()
    client.post(f"/admin/staff/flagoverride/{override.pk}/delete/", {"post": "yes"})
    assert flag_enabled("shop_sync", org_a) is False
    assert AuditEvent.objects.filter(organization=org_a, action="flag.cleared").exists()
