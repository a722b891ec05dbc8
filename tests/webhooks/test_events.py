"""The services that emit webhook events: batch started/finished, order fulfilled, stock low."""

from __future__ import annotations

import json

from django.utils import timezone

from batches.services.finishing import finish_batch
from batches.services.lifecycle import start_batch
from batches.services.planning import plan_batch
from notifications.services.scans import scan_low_stock
from sales.services.fulfilment import fulfil_order
from sales.services.orders import LineInput, create_order
from tests.recipes.factories import make_item, make_recipe, stock
from tests.sales.conftest import make_sku
from webhooks import services
from webhooks.models import Delivery


def _events():
    return [(d.event, json.loads(d.body)["data"]) for d in Delivery.objects.order_by("id")]


def test_batch_started_and_finished(acme):
    services.create_endpoint(url="http://127.0.0.1:9/x", events=["batch.started", "batch.finished"])
    oil = make_item("Oil")
    stock(oil, 1000, "0.01")
    recipe = make_recipe(lines=[(oil, "100", "g")])
    batch = plan_batch(version=recipe.current_version)
    start_batch(batch=batch)
    finish_batch(batch=batch, actual_yield="10", outputs=[])
    events = _events()
    assert [event for event, _ in events] == ["batch.started", "batch.finished"]
    assert events[0][1]["batch_id"] == batch.pk
    assert events[0][1]["consumed_cost"] == "1.000000000000"
    assert events[1][1]["actual_yield"] == "10"


def test_order_fulfilled(acme):
    services.create_endpoint(url="http://127.0.0.1:9/x", events=["order.fulfilled"])
    sku = make_sku()
    stock(sku.item, 5, "2")
    order = create_order(lines=[LineInput(sku.pk, "2")])
    fulfil_order(order=order)
    [(event, data)] = _events()
    assert event == "order.fulfilled"
    assert data["order_id"] == order.pk
    assert data["lines"][0]["sku_id"] == sku.pk


def test_stock_low_from_the_scan_once(acme):
    services.create_endpoint(url="http://127.0.0.1:9/x", events=["stock.low"])
    lye = make_item("Lye", low_stock_threshold=100)
    scan_low_stock(now=timezone.now())
    scan_low_stock(now=timezone.now())  # the alert is already open: no second event
    [(event, data)] = _events()
    assert (event, data["item_id"], data["item"]) == ("stock.low", lye.pk, "Lye")
