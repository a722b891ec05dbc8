"""Recipes, drafts, stock checks and the batch lifecycle through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.models import Batch
from inventory.models import Lot, Movement
from recipes.models import RecipeVersion
from tests.api.conftest import key_client, new_key
from tests.recipes.factories import make_item, make_recipe, stock


def _post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def soap(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    stock(oil, 2000, "0.01")
    stock(lye, 300, "0.02")
    bar = make_item("Castile bar", unit="each", kind="product")
    recipe = make_recipe(lines=[(oil, "500", "g"), (lye, "70", "g")])
    return recipe, oil, lye, bar


def test_recipes_list_and_detail_with_versions(api, soap):
    recipe, *_ = soap
    listed = api.get("/api/v1/recipes/").json()["results"]
    assert [r["name"] for r in listed] == ["Castile soap"]
    detail = api.get(f"/api/v1/recipes/{recipe.pk}/").json()
    assert detail["versions"][0]["status"] == "published"
    version = api.get(f"/api/v1/recipe-versions/{recipe.current_version_id}/").json()
    assert [(line["item_name"], line["quantity"]) for line in version["lines"]] == [
        ("Olive oil", "500"),
        ("Lye", "70"),
    ]


def test_create_a_recipe_as_a_draft_and_save_another_draft(api, soap):
    _, oil, *_ = soap
    response = _post(
        api,
        "/api/v1/recipes/",
        {
            "name": "Lavender soap",
            "category": "soap",
            "yield_quantity": "8",
            "yield_unit": "each",
            "lines": [{"item": oil.pk, "quantity": "400", "unit": "g"}],
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["versions"][0]["status"] == "draft"
    again = _post(
        api,
        f"/api/v1/recipes/{created['id']}/drafts/",
        {"yield_quantity": "9", "yield_unit": "each", "lines": []},
    )
    assert again.status_code == 201, again.content
    assert again.json()["yield_quantity"] == "9"
    assert RecipeVersion.objects.filter(recipe_id=created["id"]).count() == 1


def test_a_duplicate_recipe_name_is_409(api, soap):
    response = _post(api, "/api/v1/recipes/", {"name": "Castile soap"})
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_recipe_name"


def test_a_bad_recipe_line_is_refused_with_its_field(api, soap):
    response = _post(
        api, "/api/v1/recipes/", {"name": "X", "lines": [{"item": 1, "quantity": "1"}]}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "lines[0].unit"


def test_stock_check_of_a_version_at_a_scale(api, soap):
    recipe, *_ = soap
    ok = api.get(f"/api/v1/recipe-versions/{recipe.current_version_id}/stock-check/?scale=2")
    assert ok.json()["status"] == "ok"
    short = api.get(f"/api/v1/recipe-versions/{recipe.current_version_id}/stock-check/?scale=5")
    body = short.json()
    assert body["status"] == "short"
    assert body["scale"] == "5"
    assert [line["shortfall"] for line in body["lines"]] == ["500", "50"]
    bad = api.get(f"/api/v1/recipe-versions/{recipe.current_version_id}/stock-check/?scale=abc")
    assert bad.status_code == 422


def test_plan_start_finish_a_batch(api, soap):
    recipe, oil, _lye, bar = soap
    planned = _post(api, "/api/v1/batches/", {"version": recipe.current_version_id, "scale": "2"})
    assert planned.status_code == 201, planned.content
    batch_id = planned.json()["id"]
    assert planned.json()["status"] == "planned"
    started = _post(api, f"/api/v1/batches/{batch_id}/start/")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "in_progress"
    assert started.json()["consumed_cost"] == "12.8"
    oil.refresh_from_db()
    assert oil.on_hand == Decimal("1000")
    finished = _post(
        api,
        f"/api/v1/batches/{batch_id}/finish/",
        {"actual_yield": "20", "outputs": [{"item": bar.pk, "quantity": "20"}]},
    )
    assert finished.status_code == 200, finished.content
    assert finished.json()["status"] == "finished"
    assert finished.json()["outputs"][0]["unit_cost"] == "0.64"
    again = _post(api, f"/api/v1/batches/{batch_id}/start/")
    assert again.status_code == 409
    assert again.json()["code"] == "illegal_transition"


def test_cancel_returns_stock_and_fail_keeps_it_as_loss(api, soap):
    recipe, oil, *_ = soap
    first = _post(api, "/api/v1/batches/", {"version": recipe.current_version_id}).json()["id"]
    _post(api, f"/api/v1/batches/{first}/start/")
    cancelled = _post(api, f"/api/v1/batches/{first}/cancel/", {"reason": "Wrong oil"})
    assert cancelled.json()["status"] == "cancelled"
    oil.refresh_from_db()
    assert oil.on_hand == Decimal("2000")
    second = _post(api, "/api/v1/batches/", {"version": recipe.current_version_id}).json()["id"]
    _post(api, f"/api/v1/batches/{second}/start/")
    no_reason = _post(api, f"/api/v1/batches/{second}/fail/", {})
    assert no_reason.status_code == 422
    assert no_reason.json()["field"] == "reason"
    failed = _post(api, f"/api/v1/batches/{second}/fail/", {"reason": "Seized"})
    assert failed.json()["status"] == "failed"
    assert failed.json()["loss_value"] == "6.4"


def test_starting_without_stock_is_409_and_takes_nothing(api, soap):
    recipe, *_ = soap
    batch_id = _post(
        api, "/api/v1/batches/", {"version": recipe.current_version_id, "scale": "10"}
    ).json()["id"]
    movements = Movement.objects.count()
    response = _post(api, f"/api/v1/batches/{batch_id}/start/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stock_short"
    assert {s["item_name"] for s in body["shortfalls"]} == {"Olive oil", "Lye"}
    assert Movement.objects.count() == movements
    assert Batch.objects.get(pk=batch_id).status == "planned"


def test_batches_list_and_detail(api, soap):
    recipe, *_ = soap
    batch_id = _post(api, "/api/v1/batches/", {"version": recipe.current_version_id}).json()["id"]
    listed = api.get("/api/v1/batches/?status=planned").json()["results"]
    assert [b["id"] for b in listed] == [batch_id]
    detail = api.get(f"/api/v1/batches/{batch_id}/").json()
    assert [line["item_name"] for line in detail["lines"]] == ["Olive oil", "Lye"]


def test_a_viewer_key_may_read_batches_but_not_run_them(api_org, soap):
    recipe, *_ = soap
    viewer = key_client(api_org, new_key(api_org, "read_only"))
    assert viewer.get("/api/v1/batches/").status_code == 200
    response = _post(viewer, "/api/v1/batches/", {"version": recipe.current_version_id})
    assert response.status_code == 403
    assert Batch.objects.count() == 0


def test_a_missing_batch_or_recipe_is_404(api, acme):
    for path in ("/api/v1/batches/999999/", "/api/v1/recipes/999999/", "/api/v1/items/999999/"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert _post(api, "/api/v1/batches/999999/start/").status_code == 404
    assert Lot.objects.count() == 0
