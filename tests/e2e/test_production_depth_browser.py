"""The pages of containers, trial runs, labels and the recipe library in a real browser: axe finds
no serious or critical WCAG 2.2 A/AA violation, and at a phone's 360 px nothing scrolls sideways."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page

from batches.label_data import public_token
from batches.services import (
    ContainerCount,
    OutputInput,
    fill_containers,
    finish_batch,
    plan_batch,
    set_public_records,
    start_batch,
)
from inventory.models import Item
from inventory.services import create_container
from library.services import publish_recipe
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import sign_in, sweep
from tests.recipes.factories import make_item, make_recipe, stock
from tests.workspace_urls import tiny_png

pytestmark = pytest.mark.e2e


def _pages(org) -> list[str]:
    base = make_item("Lotion base", "fl oz", inci_name="Aqua")
    stock(base, "200", "0.50")
    jar = create_container(
        organization=org, capacity="4", capacity_unit="fl oz", container_type="jar", colour="amber"
    )
    stock(jar, "20", "0.40")
    sku = make_item("Lotion 4 fl oz", "each", kind=Item.Kind.PRODUCT)
    recipe = make_recipe(
        "Lotion",
        [(base, "12", "fl oz")],
        yield_quantity="12",
        yield_unit="fl oz",
        category="cosmetic",
    )
    planned = plan_batch(version=recipe.current_version)
    done = plan_batch(version=recipe.current_version)
    fill_containers(batch=done, containers=[ContainerCount(jar.pk, 3)])
    done = start_batch(batch=done)
    finish_batch(
        batch=done, actual_yield="12", outputs=[OutputInput(sku.pk, "3", container_id=jar.pk)]
    )
    draft = make_recipe(
        "Lotion trial",
        [(base, "12", "fl oz")],
        yield_quantity="12",
        yield_unit="fl oz",
        publish=False,
    )
    trial = start_batch(batch=plan_batch(version=draft.versions.get(), trial=True))
    finish_batch(batch=trial, actual_yield="11")
    shared = publish_recipe(
        organization=org,
        recipe=recipe,
        description="A light lotion in amber jars, easy to make.",
        cover=SimpleUploadedFile("c.png", tiny_png(), content_type="image/png"),
    )
    set_public_records(enabled=True)
    return [
        "/inventory/containers/new/",
        f"/inventory/items/{base.pk}/label-facts/",
        f"/batches/{planned.pk}/",
        f"/recipes/{draft.pk}/",
        f"/batches/{done.pk}/",
        f"/batches/{done.pk}/label/",
        f"/recipes/{recipe.pk}/settings/",
        "/library/recipes/",
        f"/library/recipes/{shared.pk}/",
        f"/library/share/{recipe.pk}/",
        f"/public/batches/{public_token(done)}/",
    ]


def test_new_pages_pass_axe_and_fit_a_phone(page: Page, live_port, committed_acme):  # noqa: F811
    owner = make_member(committed_acme, "owner")
    paths = _pages(committed_acme)
    base = f"http://acme.localhost:{live_port}"
    sign_in(page, owner, "acme.localhost")
    problems, wide = sweep(
        page, base, paths, desktop={"width": 1280, "height": 800}, axe_at_phone=True
    )
    assert problems == []
    assert wide == []
