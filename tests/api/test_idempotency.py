"""`Idempotency-Key` on every API POST that writes stock: a replay returns the first answer
(status and body) and writes nothing; the same key with another body is refused; two identical
requests at once write once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from api.models import ApiKey, StoredResponse
from batches.models import Batch
from inventory.models import Lot, Movement, Reservation
from sales.models import Order
from sales.services.orders import LineInput, create_order
from tests.api.conftest import key_client, new_key, on_tier
from tests.concurrency import committed_acme, run_concurrently  # noqa: F401 - fixture
from tests.inventory.factories import stock
from tests.recipes.factories import make_item, make_recipe
from tests.sales.conftest import make_sku


def _post(client, path, body=None, key="retry-1"):
    return client.post(
        path,
        body if body is not None else {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def _books():
    return (
        Movement.objects.count(),
        Lot.objects.count(),
        list(Batch.objects.order_by("pk").values_list("pk", "status")),
        list(Reservation.objects.order_by("pk").values_list("pk", "status")),
        list(Order.objects.order_by("pk").values_list("pk", "status")),
    )


def _recipe():
    oil = make_item("Olive oil")
    stock(oil, 2000, "0.01")
    bar = make_item("Castile bar", unit="each", kind="product")
    return make_recipe(lines=[(oil, "500", "g")]), bar


def _planned(api) -> int:
    recipe, _bar = _recipe()
    response = api.post(
        "/api/v1/batches/", {"version": recipe.current_version_id}, content_type="application/json"
    )
    return response.json()["id"]


def _started(api) -> int:
    batch_id = _planned(api)
    api.post(f"/api/v1/batches/{batch_id}/start/", {}, content_type="application/json")
    return batch_id


def _start(api):
    return f"/api/v1/batches/{_planned(api)}/start/", {}


def _finish(api):
    bar = make_item("Castile bar 2", unit="each", kind="product")
    return f"/api/v1/batches/{_started(api)}/finish/", {
        "actual_yield": "10",
        "outputs": [{"item": bar.pk, "quantity": "10"}],
    }


def _cancel(api):
    return f"/api/v1/batches/{_started(api)}/cancel/", {"reason": "Wrong oil"}


def _fail(api):
    return f"/api/v1/batches/{_started(api)}/fail/", {"reason": "Seized"}


def _plan(api):
    recipe, _bar = _recipe()
    return "/api/v1/batches/", {"version": recipe.current_version_id, "scale": "2"}


def _hold(api):
    sku = make_sku("BAR", "8.50")
    stock(sku.item, 10, "2")
    return "/api/v1/holds/", {"sku": sku.pk, "quantity": "4", "note": "Market"}


def _release(api):
    path, body = _hold(api)
    hold_id = api.post(path, body, content_type="application/json").json()["id"]
    return f"/api/v1/holds/{hold_id}/release/", {}


def _fulfil(api):
    sku = make_sku("BAR", "8.50")
    stock(sku.item, 10, "2")
    order = create_order(lines=[LineInput(sku.pk, "3")])
    return f"/api/v1/orders/{order.pk}/fulfil/", {}


ENDPOINTS = {
    "plan": _plan,
    "start": _start,
    "finish": _finish,
    "cancel": _cancel,
    "fail": _fail,
    "hold": _hold,
    "release": _release,
    "fulfil": _fulfil,
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_replay_returns_the_first_answer_and_writes_nothing(api, acme, endpoint):
    path, body = ENDPOINTS[endpoint](api)
    first = _post(api, path, body)
    assert first.status_code in (200, 201), first.content
    before = _books()
    second = _post(api, path, body)
    assert second.status_code == first.status_code
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert _books() == before


@pytest.mark.parametrize("endpoint", ["start", "cancel", "hold", "fulfil"])
def test_a_key_reused_with_another_body_is_refused_and_writes_nothing(api, acme, endpoint):
    path, body = ENDPOINTS[endpoint](api)
    _post(api, path, body)
    before = _books()
    other = {**body, "note": "Something else"} if endpoint == "hold" else {"reason": "Other"}
    response = _post(api, path if endpoint != "start" else path.replace("start", "cancel"), other)
    assert response.status_code == 422
    assert response.json() == {
        "code": "idempotency_key_reused",
        "message": "This Idempotency-Key was already used for a different request. "
        "Send a new key for a new request.",
        "field": "Idempotency-Key",
    }
    assert _books() == before


def test_a_failure_is_not_stored_so_a_retry_can_succeed(api, acme):
    sku = make_sku("BAR", "8.50")
    order = create_order(lines=[LineInput(sku.pk, "3")])
    short = _post(api, f"/api/v1/orders/{order.pk}/fulfil/")
    assert short.status_code == 409
    assert StoredResponse.objects.count() == 0
    stock(sku.item, 10, "2")
    retried = _post(api, f"/api/v1/orders/{order.pk}/fulfil/")
    assert retried.status_code == 200, retried.content
    assert retried.json()["status"] == "fulfilled"


def test_without_a_key_nothing_is_stored(api, acme):
    path, body = _hold(api)
    assert api.post(path, body, content_type="application/json").status_code == 201
    assert StoredResponse.objects.count() == 0


def test_two_identical_requests_at_once_write_once(committed_acme):  # noqa: F811
    organization = on_tier(committed_acme, "pro")
    with tenant_context(organization):
        StoredResponse.objects.all().delete()
        sku = make_sku("BAR", "8.50")
        stock(sku.item, 10, "2")
        secret = new_key(organization, "admin")
    body = {"sku": sku.pk, "quantity": "4", "note": "Market"}

    def call():
        response = _post(key_client(organization, secret), "/api/v1/holds/", body, key="once")
        return response.status_code, response.json()

    try:
        first, second = run_concurrently(organization, [call, call])
        with tenant_context(organization):
            assert first == second
            assert first[0] == 201
            assert Reservation.objects.count() == 1
            sku.item.refresh_from_db()
            assert sku.item.reserved == Decimal("4")
    finally:
        with tenant_context(organization):
            StoredResponse.objects.all().delete()
            ApiKey.objects.all().delete()
