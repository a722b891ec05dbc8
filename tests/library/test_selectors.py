from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from library.models import LibraryItem
from library.selectors import library_item, library_items


def names(queryset) -> list[str]:
    return [item.name for item in queryset]


def test_returns_active_items_ordered_by_name_ignoring_case(seeded):
    LibraryItem.objects.create(name="aardvark oil", kind="ingredient", category="oil")
    LibraryItem.objects.filter(name="Olive oil").update(is_active=False)
    result = names(library_items())
    assert result == sorted(result, key=str.lower)
    assert result[0] == "aardvark oil"
    assert "Olive oil" not in result
    assert len(result) == LibraryItem.objects.filter(is_active=True).count()


def test_filters_by_kind(seeded):
    containers = library_items(kind="container")
    assert containers.exists()
    assert set(containers.values_list("kind", flat=True)) == {"container"}
    assert "Amber glass jar 60 ml" in names(containers)
    assert library_items(kind="").count() == library_items().count()
    assert library_items(kind="spaceship").count() == 0


def test_searches_name_inci_and_category_ignoring_case(seeded):
    assert names(library_items(search="olea europaea")) == ["Olive oil"]
    assert names(library_items(search="OLIVE")) == ["Olive oil"]
    assert "Sweet almond oil" in names(library_items(search="almond oil"))
    assert "Lavender essential oil" in names(library_items(search="lavandula"))
    wicks = names(library_items(search="wick"))
    assert {"Wick CD-12", "Wick ECO-10", "Wick stickers"} <= set(wicks)
    assert names(library_items(search="  ")) == names(library_items())
    assert library_items(search="no such material anywhere").count() == 0


def test_search_and_kind_combine(seeded):
    assert names(library_items(search="amber", kind="container")) == [
        "Amber glass dropper bottle 30 ml",
        "Amber glass jar 120 ml",
        "Amber glass jar 60 ml",
    ]
    assert library_items(search="amber", kind="ingredient").count() == 0


def test_library_items_is_one_lazy_query(seeded, django_assert_max_num_queries):
    queryset = library_items(search="oil", kind="ingredient")
    with django_assert_max_num_queries(2) as captured:  # django-tenants may SET search_path first
        assert len(list(queryset)) > 10
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 1


def test_library_item_by_pk(seeded):
    olive = LibraryItem.objects.get(name="Olive oil")
    assert library_item(olive.pk) == olive
    assert library_item(str(olive.pk)) == olive

    olive.is_active = False
    olive.save()
    with pytest.raises(LibraryItem.DoesNotExist):
        library_item(olive.pk)
    assert library_item(olive.pk, include_inactive=True) == olive

    for bad in [0, 10**12, 10**20, "abc", None, "1; drop"]:
        with pytest.raises(LibraryItem.DoesNotExist):
            library_item(bad)


def test_identity_holds_the_fields_a_workspace_item_copies(seeded):
    lavender = LibraryItem.objects.get(name="Lavender essential oil")
    identity = lavender.identity()
    assert identity == {
        "name": "Lavender essential oil",
        "inci_name": "Lavandula Angustifolia Oil",
        "kind": "ingredient",
        "default_unit": "g",
        "density_g_per_ml": Decimal("0.8850"),
        "shelf_life_days": 1095,
        "allergens": ["Linalool", "Limonene", "Geraniol", "Coumarin"],
    }
    identity["allergens"].append("changed")  # a copy, not the item's own list
    assert "changed" not in lavender.allergens


def test_readable_from_inside_a_workspace_schema(seeded, org_a, in_workspace):
    with in_workspace(org_a):
        assert connection.schema_name == org_a.schema_name
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schemas(false)")
            assert cursor.fetchone()[0] == [org_a.schema_name, "public"]
        olive = library_items(search="olea").get()
        assert olive.name == "Olive oil"
        assert library_item(olive.pk).inci_name == "Olea Europaea Fruit Oil"
        assert library_items(kind="consumable").count() >= 3
        assert library_items().count() >= 60


def test_library_table_exists_only_in_the_public_schema(org_a, org_b):
    """A copy in a tenant schema would shadow the public rows on a `tenant, public` search_path."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = %s",
            ["library_libraryitem"],
        )
        schemas = {row[0] for row in cursor.fetchall()}
    assert schemas == {"public"}
