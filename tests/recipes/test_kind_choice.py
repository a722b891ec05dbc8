"""The new-recipe form's Kind: one choice inside the form; choosing another redraws the form with that
kind's fields and keeps everything typed, judging and saving nothing."""

from __future__ import annotations

import re

from recipes.models import Recipe
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item

TYPED = {
    "name": "Lavender castile",
    "prefix": "LAV",
    "yield_quantity": "10",
    "yield_unit": "each",
    "portion_name": "bar",
    "instructions": "Stir to trace.",
    "lines-TOTAL_FORMS": "4",
    "lines-INITIAL_FORMS": "0",
    "lines-0-item": "Olive oil",
    "lines-0-quantity": "900",
    "lines-0-unit": "g",
    "lines-2-item": "Lye",
    "lines-2-quantity": "130",
}


def _client(acme):
    return workspace_client(make_member(acme, "owner"), acme)


def test_kind_is_one_choice_in_the_form(acme):
    html = page_text(_client(acme).get("/recipes/new/"))
    assert '<label class="form-label" for="id_category">Kind</label>' in html
    assert "?category=" not in html  # no separate kind links that drop what was typed
    assert 'hx-post="/recipes/new/"' in html and 'hx-trigger="change"' in html
    assert 'name="change_kind"' in html  # the no-JavaScript way, inside <noscript>


def test_choosing_another_kind_keeps_what_was_typed(acme):
    make_item("Olive oil")
    response = _client(acme).post(
        "/recipes/new/", {**TYPED, "category": "soap", "change_kind": "1"}
    )
    html = page_text(response)
    assert response.status_code == 200
    for value in ("Lavender castile", "LAV", "10", "bar", "Olive oil", "900", "Lye", "130"):
        assert f'value="{value}"' in html, value
    assert "Stir to trace." in html
    assert re.search(r'<option value="soap" selected>', html)
    assert "Superfat" in html  # soap's own fields
    assert "invalid-feedback" not in html and "alert-danger" not in html
    assert not Recipe.objects.exists()


def test_choosing_a_kind_over_htmx_redraws_the_same_editor(acme):
    response = _client(acme).post(
        "/recipes/new/",
        {**TYPED, "category": "candle", "change_kind": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = page_text(response)
    assert 'id="recipe-editor"' in html
    assert "Fragrance load" in html and "Superfat" not in html
    assert 'value="Lavender castile"' in html
    assert not Recipe.objects.exists()


def test_an_unknown_kind_falls_back_to_other(acme):
    response = _client(acme).post(
        "/recipes/new/", {**TYPED, "category": "rocket", "change_kind": "1"}
    )
    assert response.status_code == 200
    assert "Superfat" not in page_text(response)
    assert not Recipe.objects.exists()
