"""Recipes shared between workspaces: publish to the public recipe library, import into another
workspace (lines mapped by library link, then normalised name, else created), staff unlisting
(audited), and the pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from inventory.models import Item
from library.errors import InvalidSharedRecipe, NotImportable
from library.models import LibraryItem, SharedRecipe
from library.services import publish_recipe, unlist_shared_recipe
from recipes.errors import InvalidLine
from recipes.models import Recipe, RecipeVersion
from recipes.services import import_shared_recipe, normalise_name
from tenants.models import AuditEvent
from tests.conftest import make_member, make_user, page_text, public_client, workspace_client
from tests.recipes.factories import make_item, make_recipe
from tests.workspace_urls import tiny_png


def _png(name="cover.png"):
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Olive Oils", "olive oil"),
        ("olive-oil", "olive oil"),
        ("Shea butter (raw)", "shea butter raw"),
        ("Blueberries", "blueberry"),
        ("Glass", "glass"),
        ("Boxes", "box"),
    ],
)
def test_normalised_names(name, normal):
    assert normalise_name(name) == normal


def _publish(org, **extra):
    """Acme's lavender soap: olive oil (linked to the library), lavender essential oils (not
    linked) and mystery clay, published with a cover."""
    olive = LibraryItem.objects.get(name="Olive oil")
    with tenant_context(org):
        oil = make_item("Olive oil", library_item_id=olive.pk, density_g_per_ml="0.91")
        lavender = make_item("Lavender Essential Oils")
        clay = make_item("Mystery clay")
        recipe = make_recipe(
            "Lavender soap",
            [(oil, "900", "g"), (lavender, "30", "g"), (clay, "10", "g")],
            instructions="Soap at 40 °C.",
        )
        return publish_recipe(
            organization=org,
            recipe=recipe,
            description="A gentle lavender castile bar, cured six weeks.",
            cover=_png(),
            actor_id=1,
            **extra,
        )


def test_import_maps_lines_by_library_link_then_name_else_creates(seeded, org_a, org_b):
    shared = _publish(org_a)
    assert shared.lines[0]["library_item_id"] == LibraryItem.objects.get(name="Olive oil").pk
    olive = LibraryItem.objects.get(name="Olive oil")
    with tenant_context(org_b):
        evoo = make_item("My EVOO", library_item_id=olive.pk)
        lavender = make_item("lavender essential oil")
        copy = import_shared_recipe(shared=shared, actor_id=7)
        version = copy.versions.get()
        assert version.status == RecipeVersion.Status.DRAFT
        lines = list(version.lines.select_related("item").order_by("position"))
        assert [line.item_id for line in lines[:2]] == [evoo.pk, lavender.pk]
        clay = lines[2].item
        assert (clay.name, clay.stock_unit, clay.kind) == ("Mystery clay", "g", "ingredient")
        assert [line.quantity for line in lines] == [Decimal("900"), Decimal("30"), Decimal("10")]
        assert copy.origin == "Lavender soap v1 by Acme Soap Works"
        assert copy.origin_shared_recipe_id == shared.pk
        assert version.instructions == "Soap at 40 °C."
        assert Item.objects.count() == 3
    shared.refresh_from_db()
    assert shared.import_count == 1
    with tenant_context(org_a):  # the original is untouched and still the only one there
        assert Recipe.objects.get().origin == ""


def test_an_unlinked_library_line_comes_from_the_library(seeded, org_a, org_b):
    shared = _publish(org_a)
    with tenant_context(org_b):
        copy = import_shared_recipe(shared=shared)
        oil = copy.versions.get().lines.get(position=1).item
        assert oil.library_item_id == LibraryItem.objects.get(name="Olive oil").pk
        assert oil.density_g_per_ml == Decimal("0.91")


def test_a_line_that_does_not_fit_the_matched_item_refuses_the_whole_import(seeded, org_a, org_b):
    shared = _publish(org_a)
    with tenant_context(org_b):
        make_item("Mystery Clays", "each")  # counted: 10 g can't be taken from it
        with pytest.raises(InvalidLine):
            import_shared_recipe(shared=shared)
        assert not Recipe.objects.exists()
        assert list(Item.objects.values_list("name", flat=True)) == ["Mystery Clays"]
    shared.refresh_from_db()
    assert shared.import_count == 0


def test_staff_unlist_with_a_reason_is_audited_and_stops_imports(seeded, org_a, org_b):
    shared = _publish(org_a)
    staff = make_user(is_staff=True)
    with pytest.raises(PermissionError):
        unlist_shared_recipe(shared=shared, staff_user=make_user(), reason="spam")
    with pytest.raises(InvalidSharedRecipe):
        unlist_shared_recipe(shared=shared, staff_user=staff, reason=" ")
    unlist_shared_recipe(shared=shared, staff_user=staff, reason="Copied without permission")
    event = AuditEvent.objects.get(action="library.recipe_unlisted")
    assert (event.organization_id, event.target) == (org_a.pk, "Lavender soap")
    assert event.details["reason"] == "Copied without permission"
    with tenant_context(org_b), pytest.raises(NotImportable):
        import_shared_recipe(shared=shared)
    with pytest.raises(InvalidSharedRecipe):
        unlist_shared_recipe(shared=shared, staff_user=staff, reason="again")


def test_publishing_refusals_name_every_problem(seeded, org_a):
    _publish(org_a)
    with tenant_context(org_a):
        recipe = Recipe.objects.get()
        bad = SimpleUploadedFile("cover.png", b"not a picture", content_type="image/png")
        with pytest.raises(InvalidSharedRecipe) as caught:
            publish_recipe(organization=org_a, recipe=recipe, description="short", cover=bad)
        assert caught.value.details["problems"] == [
            "Describe the recipe for other makers in at least 20 characters.",
            "The cover isn't a picture we can read; use a PNG, JPEG, WEBP or GIF file.",
            "Version 1 is already in the library. Publish a newer version to share your changes.",
        ]
        draft_only = make_recipe("Idea soap", [], yield_quantity="", yield_unit="", publish=False)
        with pytest.raises(InvalidSharedRecipe) as caught:
            publish_recipe(organization=org_a, recipe=draft_only, description="x" * 30)
        assert caught.value.message == "Publish a version of the recipe in your workspace first."
    assert SharedRecipe.objects.count() == 1


def test_library_pages_share_browse_and_import(org_a, org_b):
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    with tenant_context(org_a):
        oil = make_item("Olive oil")
        recipe = make_recipe("Rose soap", [(oil, "500", "g")])
    admin = workspace_client(make_member(org_a, "admin"), org_a)
    assert admin.get(f"/library/share/{recipe.pk}/").status_code == 403
    page = page_text(owner.get(f"/library/share/{recipe.pk}/"))
    assert "Share Rose soap in the recipe library" in page
    refused = page_text(owner.post(f"/library/share/{recipe.pk}/", {"description": "too short"}))
    assert "at least 20 characters" in refused
    response = owner.post(
        f"/library/share/{recipe.pk}/",
        {"description": "A rose soap for dry skin, mild and creamy.", "cover": _png()},
    )
    shared = SharedRecipe.objects.get(name="Rose soap")
    assert response.url == f"/library/recipes/{shared.pk}/"
    maker = workspace_client(make_member(org_b, "production"), org_b)
    listing = page_text(maker.get("/library/recipes/?q=rose"))
    assert "Rose soap" in listing and "by Acme Soap Works" in listing
    detail = page_text(maker.get(f"/library/recipes/{shared.pk}/"))
    assert "A rose soap for dry skin" in detail and "500 g" in detail
    cover = maker.get(f"/library/recipes/{shared.pk}/cover/")
    assert b"".join(cover.streaming_content).startswith(b"\x89PNG")
    imported = maker.post(f"/library/recipes/{shared.pk}/import/")
    with tenant_context(org_b):
        copy = Recipe.objects.get(name="Rose soap")
    assert imported.url == f"/recipes/{copy.pk}/"
    assert "Imported from the recipe library: Rose soap v1 by Acme Soap Works" in page_text(
        maker.get(f"/recipes/{copy.pk}/")
    )
    viewer = workspace_client(make_member(org_b, "viewer"), org_b)
    assert viewer.post(f"/library/recipes/{shared.pk}/import/").status_code == 403
    SharedRecipe.objects.filter(pk=shared.pk).update(
        is_listed=False, unlisted_at=shared.published_at
    )
    assert maker.get(f"/library/recipes/{shared.pk}/").status_code == 404


def test_staff_unlist_from_the_admin_asks_the_reason(seeded, org_a):
    shared = _publish(org_a)
    client = public_client(make_user(is_staff=True, is_superuser=True))
    url = "/admin/library/sharedrecipe/"
    assert b"Lavender soap" in client.get(url).content
    asked = client.post(url, {"action": "unlist", "_selected_action": [shared.pk]})
    assert b"Unlist shared recipes" in asked.content
    done = client.post(
        url,
        {"action": "unlist", "_selected_action": [shared.pk], "reason": "Not the maker's own"},
    )
    assert done.status_code == 302
    shared.refresh_from_db()
    assert (shared.is_listed, shared.unlist_reason) == (False, "Not the maker's own")
    assert AuditEvent.objects.filter(action="library.recipe_unlisted").count() == 1


def test_a_cover_goes_through_the_default_storage_and_any_workspace_sees_it(org_a, org_b):
    with tenant_context(org_a):
        oil = make_item("Olive oil")
        recipe = make_recipe("Rose soap", [(oil, "500", "g")])
        shared = publish_recipe(
            organization=org_a,
            recipe=recipe,
            description="A rose soap for dry skin, mild and creamy.",
            cover=_png(),
            actor_id=1,
        )
    # Stored where every file goes (the public schema's place in the default storage), not in a
    # folder of its own beside it, and not under the publishing workspace.
    assert shared.cover.storage is default_storage
    with schema_context(get_public_schema_name()):
        assert default_storage.exists(shared.cover.name)
        with default_storage.open(shared.cover.name, "rb") as stored:
            assert stored.read() == tiny_png()
    with tenant_context(org_a):
        assert not default_storage.exists(shared.cover.name)
    assert not (Path(settings.MEDIA_ROOT) / "library" / shared.cover.name).exists()
    maker = workspace_client(make_member(org_b, "production"), org_b)
    response = maker.get(f"/library/recipes/{shared.pk}/cover/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == tiny_png()
    with schema_context(get_public_schema_name()):
        default_storage.delete(shared.cover.name)


def test_a_shared_recipe_without_a_cover_has_none_to_serve(org_a, org_b):
    with tenant_context(org_a):
        oil = make_item("Olive oil")
        recipe = make_recipe("Rose soap", [(oil, "500", "g")])
        shared = publish_recipe(
            organization=org_a,
            recipe=recipe,
            description="A rose soap for dry skin, mild and creamy.",
            actor_id=1,
        )
    maker = workspace_client(make_member(org_b, "production"), org_b)
    assert maker.get(f"/library/recipes/{shared.pk}/cover/").status_code == 404
