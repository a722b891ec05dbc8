"""'Save as a recipe': the calculator's result becomes a draft recipe in the maker's workspace."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from inventory.models import Item
from library.models import LibraryItem
from recipes.models import Recipe, RecipeVersion
from tenants.models import Organization
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.conftest import make_member, public_client
from tests.publicsite.helpers import text_of
from tests.tools.test_tool_pages import soap_form
from tools.services import sign_draft

pytestmark = pytest.mark.usefixtures("soap_library")


def calculated(client) -> str:
    html = client.post("/tools/soap/", soap_form()).content.decode()
    return re.search(r'name="draft" value="([^"]+)"', html).group(1)


def lines_of(recipe: Recipe) -> list[tuple[str, Decimal, str]]:
    version = recipe.versions.get()
    return [(line.item.name, line.quantity, line.unit) for line in version.lines.order_by("pk")]


def test_a_visitor_saves_then_signs_up_and_finds_the_draft_in_the_new_workspace(ready_spare):
    client = public_client()
    response = client.post("/tools/save/", {"draft": calculated(client)})
    assert response["Location"] == "/tools/save/"
    page = text_of(client.get("/tools/save/"))
    assert "Your Castile (3 ingredients) becomes a draft recipe" in page
    assert "Sign up free" in page

    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    org = Organization.objects.get(slug="lavender-lye")
    with tenant_context(org):
        recipe = Recipe.objects.get()
        assert recipe.name == "Castile"
        assert recipe.category == "soap"
        version = recipe.versions.get()
        assert version.status == RecipeVersion.Status.DRAFT
        assert version.category_data == {
            "superfat_pct": "5",
            "lye_concentration_pct": "25.2",
            "water_pct": "38",
        }
        assert lines_of(recipe) == [
            ("Olive oil", Decimal("1000"), "g"),
            ("Sodium hydroxide (NaOH)", Decimal("128.3"), "g"),
            ("Distilled water", Decimal("380"), "g"),
        ]
        olive = Item.objects.get(name="Olive oil")
        assert olive.library_item_id == LibraryItem.objects.get(name="Olive oil").pk
        target = f"/go/lavender-lye/?next=%2Frecipes%2F{recipe.pk}%2F"
    assert response["Location"] == target
    assert "tool_draft" not in client.session


def test_a_member_saves_into_a_workspace_matching_its_items(db, org_a, owner_a):
    with tenant_context(org_a):
        from inventory.services.items import create_item

        mine = create_item(organization=org_a, name="olive OIL", stock_unit="g")
        Recipe.objects.all().delete()
    client = public_client(owner_a)
    client.post("/tools/save/", {"draft": calculated(client)})
    assert "Acme" in text_of(client.get("/tools/save/"))
    response = client.post("/tools/save/", {"workspace": org_a.slug})
    with tenant_context(org_a):
        recipe = Recipe.objects.get(name="Castile")
        assert lines_of(recipe)[0] == ("olive OIL", Decimal("1000"), "g")
        assert Item.objects.filter(name__iexact="olive oil").count() == 1
        assert Item.objects.get(pk=mine.pk).library_item_id is None
        assert response["Location"] == f"/go/{org_a.slug}/?next=/recipes/{recipe.pk}/"

    # The same result saved again: a second draft beside the first, never a clash.
    client.post("/tools/save/", {"draft": calculated(client)})
    client.post("/tools/save/", {"workspace": org_a.slug})
    with tenant_context(org_a):
        assert set(Recipe.objects.values_list("name", flat=True)) == {"Castile", "Castile (2)"}


def test_a_viewer_cannot_save_and_nothing_is_written(db, org_a):
    viewer = make_member(org_a, "viewer")
    client = public_client(viewer)
    client.post("/tools/save/", {"draft": calculated(client)})
    response = client.post("/tools/save/", {"workspace": org_a.slug})
    assert response.status_code == 400
    assert "You can't write recipes in" in text_of(response)
    with tenant_context(org_a):
        assert not Recipe.objects.filter(name="Castile").exists()
        assert not Item.objects.filter(name="Sodium hydroxide (NaOH)").exists()


def test_a_workspace_the_user_is_not_in_is_404(db, org_a, org_b, owner_a):
    client = public_client(owner_a)
    client.post("/tools/save/", {"draft": calculated(client)})
    assert client.post("/tools/save/", {"workspace": org_b.slug}).status_code == 404


def test_a_changed_result_is_refused(db):
    client = public_client()
    token = calculated(client)
    response = client.post("/tools/save/", {"draft": token[:-3] + "abc"})
    assert response.status_code == 400
    assert "expired or was changed" in text_of(response)
    assert "tool_draft" not in client.session


def test_a_refused_recipe_writes_nothing(db, org_a, owner_a):
    from tools.errors import DraftNotSaved
    from tools.services import save_draft_recipe

    bad = sign_draft(
        {
            "tool": "soap",
            "name": "Bad",
            "category": "soap",
            "lines": [{"name": "Brand new oil", "grams": "-5"}],
        }
    )
    with pytest.raises(DraftNotSaved, match="could not take this recipe"):
        save_draft_recipe(token=bad, organization=org_a, user=owner_a)
    with tenant_context(org_a):
        assert not Item.objects.filter(name="Brand new oil").exists()
        assert not Recipe.objects.filter(name="Bad").exists()


def test_no_draft_waiting(db):
    text = text_of(public_client().get("/tools/save/"))
    assert "There is no calculator result waiting." in text


def test_a_koh_result_with_citric_acid_saves_every_ingredient(db, org_a, owner_a):
    client = public_client(owner_a)
    html = client.post(
        "/tools/soap/", soap_form(lye_type="koh", citric_acid_g="10", recipe_name="Liquid")
    ).content.decode()
    token = re.search(r'name="draft" value="([^"]+)"', html).group(1)
    client.post("/tools/save/", {"draft": token})
    client.post("/tools/save/", {"workspace": org_a.slug})
    with tenant_context(org_a):
        names = [name for name, _q, _u in lines_of(Recipe.objects.get(name="Liquid"))]
    assert names == ["Olive oil", "Potassium hydroxide (KOH)", "Distilled water", "Citric acid"]


def test_an_expired_draft_in_the_session_is_dropped(db, settings):
    client = public_client()
    session = client.session
    session["tool_draft"] = "broken"
    session.save()
    response = client.get("/tools/save/")
    assert response.status_code == 400
    assert "expired or was changed" in text_of(response)
    assert "tool_draft" not in client.session


def test_a_draft_the_new_workspace_refuses_leaves_sign_up_alone(ready_spare):
    bad = sign_draft(
        {"tool": "soap", "name": "Bad", "category": "soap", "lines": [{"name": "X", "grams": "-1"}]}
    )
    client = public_client()
    client.post("/tools/save/", {"draft": bad})
    response = client.post(SIGNUP, signup_data())
    assert response["Location"] == "/go/lavender-lye/"
    with tenant_context(Organization.objects.get(slug="lavender-lye")):
        assert not Recipe.objects.exists()
    assert client.session["tool_draft"] == bad
