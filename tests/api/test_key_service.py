"""The API key service's own rules."""

from __future__ import annotations

import pytest

from api.errors import ApiNotInPlan, InvalidKeyInput
from api.limits import count_request
from api.services import create_key
from tests.billing.helpers import set_billing


@pytest.mark.parametrize(
    ("name", "role", "field"),
    [("   ", "admin", "name"), ("x" * 51, "admin", "name"), ("Shop", "owner", "role")],
)
def test_a_bad_name_or_role_is_refused(acme, name, role, field):
    with pytest.raises(InvalidKeyInput) as caught:
        create_key(name=name, role=role)
    assert caught.value.field == field


def test_no_key_without_the_api_in_the_plan(acme):
    set_billing(acme, tier="free", billing_status="none")
    with pytest.raises(ApiNotInPlan):
        create_key(name="Shop", role="admin")


def test_a_tier_without_the_api_counts_nothing(acme, rf):
    set_billing(acme, tier="free", billing_status="none")
    request = rf.get("/api/v1/items/")
    request.tenant = acme
    assert count_request(request, "key:abc") is None


def test_an_unreachable_redis_lets_requests_through(acme, rf, monkeypatch):
    from api import limits

    monkeypatch.setattr(limits, "get_usage", lambda *args, **kwargs: None)
    request = rf.get("/api/v1/items/")
    request.tenant = acme
    assert count_request(request, "key:abc") is None
