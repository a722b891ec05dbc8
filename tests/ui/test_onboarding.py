"""The getting-started checklist (derived from the workspace's data, never a stored flag) and loading
the sample data through the apps' seeders, with progress."""

from __future__ import annotations

import re

from batches.models import Batch
from batches.services import plan_batch, start_batch
from inventory.models import Item
from products.models import Deduction
from products.services import create_product, create_sku, deduct
from recipes.models import Recipe
from sales.services import record_sale
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.conftest import CountStatements
from tests.recipes.factories import make_item, make_recipe, stock
from workspace.models import SampleDataJob
from workspace.selectors.onboarding import checklist
from workspace.services.sample_data import request_sample_data, run_sample_data


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


def done(result) -> list[str]:
    return [step.key for step in result.steps if step.done]


def test_empty_workspace_starts_at_zero_with_the_sample_data_offer(owner_client):
    body = text(owner_client.get("/"))
    assert "Getting started: 0 of 5 done" in body
    assert "Add your ingredients from the library : to do" in body
    html = page_text(owner_client.get("/"))
    assert 'href="/inventory/items/library/"' in html
    assert 'action="/guide/sample-data/"' in html


def test_each_step_is_done_when_the_data_says_so(acme):
    with CountStatements() as sql:
        assert done(checklist()) == []
    assert len(sql) == 1
    oil = make_item("Olive oil", library_item_id=None)
    assert done(checklist()) == ["items"]
    stock(oil, "5000", "0.01")
    assert done(checklist()) == ["items", "receive"]
    draft = make_recipe("Castile soap", [(oil, "500", "g")], publish=False)
    assert done(checklist()) == ["items", "receive"]
    assert checklist().steps[2].detail == "Your recipe has a draft: publish it to make batches."
    recipe = make_recipe("Castile soap 2", [(oil, "500", "g")])
    assert done(checklist()) == ["items", "receive", "recipe"]
    plan_batch(version=recipe.current_version)
    assert done(checklist()) == ["items", "receive", "recipe"]  # a plan is not a run
    start_batch(batch=Batch.objects.get())
    assert done(checklist()) == ["items", "receive", "recipe", "batch"]
    sku = create_sku(product=create_product(name="Bar"), price="5")
    stock(sku.item, "10", "1")
    deduct(sku=sku, kind=Deduction.Kind.TESTER, quantity="1")
    assert done(checklist()).count("sale") == 0  # a tester is not a sale
    record_sale(sku=sku, quantity="1")
    result = checklist()
    assert result.complete and result.done_count == 5 and result.percent == 100
    assert draft.pk != recipe.pk


def test_checklist_counts_items_from_the_library(acme):
    make_item("Olive oil", library_item_id=7)
    make_item("My own blend")
    assert checklist().steps[0].detail == "2 items in your inventory, 1 from the library."


def test_finished_checklist_leaves_the_dashboard(demo, owner_client):
    assert "all 5 steps done" in text(owner_client.get("/"))  # said once (test_dashboard_progress)
    assert "Getting started" not in text(owner_client.get("/"))


def test_a_viewer_who_can_take_no_step_gets_no_checklist(acme):
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    assert "Getting started" not in text(viewer.get("/"))


def test_production_member_gets_no_sample_data_offer(acme):
    production = workspace_client(make_member(acme, "production"), acme)
    html = page_text(production.get("/"))
    assert "Getting started: 0 of 5 done" in text(production.get("/"))
    assert "Load sample data" not in html
    assert production.post("/guide/sample-data/").status_code == 403
    assert SampleDataJob.objects.count() == 0


def test_loading_sample_data_runs_every_seeder_and_shows_progress(
    acme, owner, owner_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/guide/sample-data/")
    job = SampleDataJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/guide/sample-data/{job.pk}/"
    assert (job.status, job.progress, job.requested_by_id) == ("done", 100, owner.pk)
    assert Recipe.objects.filter(name="Lavender castile soap").exists()
    assert Item.objects.filter(name="Olive oil").exists()
    page = text(owner_client.get(f"/guide/sample-data/{job.pk}/"))
    assert "Done The sample data is in your workspace." in page
    assert checklist().complete


def test_progress_is_polled_until_the_load_is_finished(acme, owner, owner_client):
    job = request_sample_data(requested_by_id=owner.pk)  # queued: its task runs after commit
    partial = owner_client.get(f"/guide/sample-data/{job.pk}/", HTTP_HX_REQUEST="true")
    html = page_text(partial)
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert "Waiting to start" in html and "0%" in html
    run_sample_data(job_id=job.pk)
    html = page_text(owner_client.get(f"/guide/sample-data/{job.pk}/", HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in html
    assert "The sample data is in your workspace." in html


def test_a_second_request_while_one_is_queued_returns_the_same_job(acme, owner):
    first = request_sample_data(requested_by_id=owner.pk)
    assert request_sample_data(requested_by_id=owner.pk).pk == first.pk
    assert SampleDataJob.objects.count() == 1


def test_a_job_runs_once(acme, owner):
    job = request_sample_data(requested_by_id=owner.pk)
    assert run_sample_data(job_id=job.pk).status == "done"
    assert run_sample_data(job_id=job.pk) is None


def test_a_refused_seeder_fails_the_job_with_its_reason_and_keeps_nothing_of_it(acme, owner):
    # The Free plan allows 50 items: the demo's six more do not fit next to 48.
    for n in range(48):
        make_item(f"Filler {n}")
    job = run_sample_data(job_id=request_sample_data(requested_by_id=owner.pk).pk)
    assert job.status == "failed"
    assert job.error_message == (
        "Adding stock, recipes, batches and products stopped: Your Free plan allows 50 inventory "
        "items. Upgrade to Maker for up to 500 on the Billing page."
    )
    assert Item.objects.count() == 48
    assert not Recipe.objects.exists()
    page = text(workspace_client(owner, acme).get(f"/guide/sample-data/{job.pk}/"))
    assert "Loading stopped." in page and "Try again" in page
