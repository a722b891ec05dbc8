"""Finishing a batch, guided: how much was made -> where it goes -> dates, then finish. Nothing is
written before the last step; the answers carry from step to step and Back keeps them."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from batches.models import Batch
from batches.services import plan_batch, start_batch
from inventory.models import Item, Lot
from products.services import create_product, create_sku
from recipes.services import update_recipe
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


@pytest.fixture
def running(acme):
    """A running batch of 10 bars that took $6.00 of stock, finishing into a bar SKU."""
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    recipe = make_recipe(
        "Castile soap", [(oil, "600", "g")], portion_name="bar", prefix="CAS", shelf_life_days=365
    )
    sku = create_sku(product=create_product(name="Castile bar"), price="8")
    update_recipe(
        recipe=recipe, name=recipe.name, category="soap", prefix="CAS", output_item_id=sku.item_id
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    return {"batch": batch, "sku": sku}


def test_three_steps_finish_the_batch_into_the_recipes_output(running, owner_client):
    batch, sku = running["batch"], running["sku"]
    base = f"/guide/batches/{batch.pk}/finish/"

    first = owner_client.get(base)
    assert 'value="10"' in page_text(first)  # the planned yield, ready to confirm
    assert "The stock it took cost $6.00" in text(first)

    step2 = owner_client.get(base, {"made": "8", "go": "1"})
    assert step2["Location"] == f"{base}where/?made=8"
    where = text(owner_client.get(step2["Location"]))
    assert "8 bars, at $0.75 each." in where
    assert where.index(f"{sku.item.name} (product") < where.index(
        "Nowhere"
    )  # the recipe's output first
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.IN_PROGRESS  # nothing written yet

    step3 = owner_client.get(f"{base}where/", {"made": "8", "into": str(sku.item_id)})
    assert step3["Location"] == f"{base}confirm/?made=8&into={sku.item_id}"
    confirm = owner_client.get(step3["Location"])
    best_before = (timezone.localdate() + timedelta(days=365)).isoformat()
    assert f'value="{best_before}"' in page_text(confirm)  # from the shelf life
    assert f"8 bars at $0.75 each go into {sku.item.name}." in text(confirm)

    done = owner_client.post(step3["Location"], {"expires_on": best_before}, follow=True)
    assert f"Batch {batch.code} is finished: 8 bars into {sku.item.name}, at $0.75 each." in text(
        done
    )
    lot = Lot.objects.get(item=sku.item)
    assert (lot.quantity_received, lot.unit_cost) == (Decimal("8"), Decimal("0.75"))
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.FINISHED


def test_back_keeps_the_answers(running, owner_client):
    batch = running["batch"]
    base = f"/guide/batches/{batch.pk}/finish/"
    assert 'value="8"' in page_text(owner_client.get(base, {"made": "8"}))
    back = page_text(owner_client.get(f"{base}where/", {"made": "8", "was": "none"}))
    assert re.search(r'value="none"[^>]*checked', back)


def test_nowhere_finishes_without_stocking_anything(running, owner_client):
    batch = running["batch"]
    confirm = f"/guide/batches/{batch.pk}/finish/confirm/?made=10&into=none"
    assert "10 bars at $0.60 each, not stocked." in text(owner_client.get(confirm))
    owner_client.post(confirm, {})
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.FINISHED
    assert not Lot.objects.filter(item__kind=Item.Kind.PRODUCT).exists()


def test_bad_answers_are_refused_plainly(running, owner_client):
    batch = running["batch"]
    base = f"/guide/batches/{batch.pk}/finish/"
    refused = text(owner_client.get(base, {"made": "0", "go": "1"}))
    assert "The yield must be more than zero; 0 was given." in refused
    refused = text(owner_client.get(base, {"made": "0.0000001", "go": "1"}))
    assert "The yield must be more than zero at the precision we keep: 0.000001." in refused
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.IN_PROGRESS
    # A made-up step URL starts again rather than guessing.
    assert owner_client.get(f"{base}confirm/?made=x&into=none")["Location"] == base
    # An output whose unit can't hold the yield: the service's message, and the full form offered.
    wax = make_item("Wax base", kind="intermediate")
    page = text(owner_client.post(f"{base}confirm/?made=10&into={wax.pk}", {}))
    assert "full finish form" in page
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.IN_PROGRESS


def test_only_a_running_batch_is_finished_and_only_by_those_who_run_batches(running, acme):
    batch = running["batch"]
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    assert viewer.get(f"/guide/batches/{batch.pk}/finish/").status_code == 403
    owner = workspace_client(make_member(acme, "owner"), acme)
    owner.post(f"/guide/batches/{batch.pk}/finish/confirm/?made=10&into=none", {})
    again = owner.get(f"/guide/batches/{batch.pk}/finish/", follow=True)
    assert "only a running batch can be finished" in text(again)


def test_step_one_previews_the_cost_per_unit_as_the_yield_is_typed(running, owner_client):
    batch = running["batch"]
    cost = f"/guide/batches/{batch.pk}/finish/cost/"
    assert "8 bars at $0.75 each." in text(owner_client.get(cost, {"made": "8"}))
    assert "as a number more than zero" in text(owner_client.get(cost, {"made": "-1"}))
    assert text(owner_client.get(cost, {"made": ""})).strip() == ""
    assert f'hx-get="{cost}"' in page_text(owner_client.get(f"/guide/batches/{batch.pk}/finish/"))
