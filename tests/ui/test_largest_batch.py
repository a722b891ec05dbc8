"""A short plan offers the largest batch its stock allows, computed from the stock check alone, and
plans it in one click (discarding the short plan in the same transaction)."""

from __future__ import annotations

from decimal import Decimal

from batches.models import Batch
from batches.selectors import batch_record, batch_stock_check, largest_batch
from batches.services import plan_batch
from tests.recipes.factories import make_item, make_recipe, stock
from tests.ui.test_start_flow import soap, text  # noqa: F401 - fixture

D = Decimal


def _largest(batch: Batch):
    batch = batch_record(batch.pk)
    return largest_batch(batch, batch_stock_check(batch))


def test_the_largest_batch_is_the_smallest_share_any_item_allows(soap):  # noqa: F811
    largest = _largest(plan_batch(version=soap.current_version, factor="2"))
    assert (largest.yield_quantity, largest.yield_unit) == (D("15"), "each")
    assert largest.limiting == ("Sodium hydroxide",)


def test_a_plan_that_fits_offers_nothing(soap):  # noqa: F811
    assert _largest(plan_batch(version=soap.current_version, factor="1")) is None


def test_an_item_with_nothing_usable_allows_none(acme):
    oil = make_item("Olive oil")
    lye = make_item("Sodium hydroxide")
    stock(oil, "600", "0.01")
    recipe = make_recipe("Soap", [(oil, "500", "g"), (lye, "100", "g")], portion_name="bar")
    largest = _largest(plan_batch(version=recipe.current_version))
    assert (largest.yield_quantity, largest.limiting) == (D("0"), ("Sodium hydroxide",))


def test_under_one_unit_is_kept_to_hundredths(acme):
    oil = make_item("Olive oil")
    stock(oil, "300", "0.01")
    recipe = make_recipe("Oil blend", [(oil, "1000", "g")], yield_quantity="1", yield_unit="kg")
    largest = _largest(plan_batch(version=recipe.current_version))
    assert (largest.yield_quantity, largest.yield_unit) == (D("0.30"), "kg")


def test_making_the_largest_batch_replans_it_ready_to_start(soap, owner_client):  # noqa: F811
    short = plan_batch(version=soap.current_version, factor="2")
    response = owner_client.post(
        f"/guide/batches/{short.pk}/discard/", {"then": "smaller", "make": "15"}
    )
    smaller = Batch.objects.get(status=Batch.Status.PLANNED)
    assert response["Location"] == f"/guide/batches/{smaller.pk}/check/"
    assert Batch.objects.get(pk=short.pk).status == Batch.Status.CANCELLED
    assert smaller.planned_yield == D("15")
    assert "You have everything this batch needs." in text(owner_client.get(response["Location"]))


def test_a_bad_size_changes_nothing(soap, owner_client):  # noqa: F811
    short = plan_batch(version=soap.current_version, factor="2")
    response = owner_client.post(
        f"/guide/batches/{short.pk}/discard/", {"then": "smaller", "make": "lots"}
    )
    assert response["Location"] == f"/guide/batches/{short.pk}/check/"
    assert list(Batch.objects.values_list("pk", "status")) == [(short.pk, Batch.Status.PLANNED)]
