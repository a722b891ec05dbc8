from __future__ import annotations

from decimal import Decimal

from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Lower

from library.models import LibraryItem
from tests.library.conftest import seed_migration


def test_seed_has_at_least_60_items_of_every_library_kind(seeded):
    assert len(seeded) >= 60
    assert LibraryItem.objects.count() >= 60
    kinds = set(LibraryItem.objects.values_list("kind", flat=True))
    assert kinds == {"ingredient", "packaging", "container", "consumable"}


def test_seed_covers_the_maker_staples(seeded):
    categories = set(LibraryItem.objects.values_list("category", flat=True))
    assert {
        "oil",
        "butter",
        "lye",
        "wax",
        "fragrance_oil",
        "essential_oil",
        "additive",
        "clay",
    } <= (categories)
    assert {"jar", "tin", "bottle", "vessel", "tube", "label", "box", "wick"} <= categories
    names = {name.lower() for name in LibraryItem.objects.values_list("name", flat=True)}
    for expected in [
        "olive oil",
        "coconut oil 76°f",
        "castor oil",
        "shea butter",
        "sodium hydroxide (naoh)",
        "potassium hydroxide (koh)",
        "soy wax (container blend)",
        "beeswax",
        "lavender essential oil",
        "fragrance oil (generic)",
        "amber glass jar 60 ml",
        "tin 4 oz (screw lid)",
        "wick cd-12",
        "product label",
    ]:
        assert expected in names


def test_seeded_rows_pass_model_validation(seeded):
    for item in LibraryItem.objects.all():
        item.full_clean()


def test_seeded_values_are_realistic(seeded):
    olive = LibraryItem.objects.get(name="Olive oil")
    assert olive.inci_name == "Olea Europaea Fruit Oil"
    assert olive.kind == "ingredient" and olive.default_unit == "g"
    assert olive.density_g_per_ml == Decimal("0.91")
    assert LibraryItem.objects.get(name="Glycerin").density_g_per_ml == Decimal("1.26")
    assert LibraryItem.objects.get(name="Distilled water").density_g_per_ml == Decimal("1.00")

    lavender = LibraryItem.objects.get(name="Lavender essential oil")
    assert {"Linalool", "Limonene", "Geraniol", "Coumarin"} <= set(lavender.allergens)

    lye = LibraryItem.objects.get(inci_name="Sodium Hydroxide")
    assert lye.density_g_per_ml is None  # a solid, always weighed

    liquids = LibraryItem.objects.filter(category__in=["oil", "essential_oil"])
    assert liquids.count() >= 20
    assert not liquids.filter(density_g_per_ml__isnull=True).exists()
    for item in liquids:
        assert Decimal("0.8") <= item.density_g_per_ml <= Decimal("1.1"), item.name
    assert not LibraryItem.objects.filter(
        category__in=["butter", "wax", "lye"], density_g_per_ml__isnull=False
    ).exists()
    assert all(
        allergens
        for allergens in LibraryItem.objects.filter(category="essential_oil").values_list(
            "allergens", flat=True
        )
    )

    for item in LibraryItem.objects.exclude(kind="ingredient"):
        assert item.default_unit == "each", item.name
        assert item.inci_name == "" and item.density_g_per_ml is None, item.name
    for item in LibraryItem.objects.filter(kind="ingredient"):
        assert item.inci_name, item.name


def test_seed_is_idempotent_by_name_and_keeps_staff_edits(seeded):
    count = LibraryItem.objects.count()
    LibraryItem.objects.filter(name="Olive oil").update(
        notes="Edited by staff", shelf_life_days=500
    )
    LibraryItem.objects.filter(name="Castor oil").update(name="CASTOR OIL")

    seed_migration.seed(__import__("django.apps").apps.apps, None)

    assert LibraryItem.objects.count() == count
    olive = LibraryItem.objects.get(name="Olive oil")
    assert olive.notes == "Edited by staff" and olive.shelf_life_days == 500
    assert LibraryItem.objects.filter(name__iexact="castor oil").count() == 1


def test_seed_names_are_unique_ignoring_case():
    names = [row[0].casefold() for row in seed_migration.ITEMS]
    assert len(names) == len(set(names))


def test_seed_runs_as_a_reversible_data_migration(db):
    (operation,) = seed_migration.Migration.operations
    assert operation.code is seed_migration.seed
    assert operation.reverse_code is seed_migration.unseed
    applied = MigrationRecorder.Migration.objects.filter(app="library").values_list(
        "name", flat=True
    )
    assert {"0001_initial", "0002_seed_library"} <= set(applied)


def test_unseed_removes_only_seeded_rows(seeded):
    LibraryItem.objects.create(name="Staff-added clay", kind="ingredient", category="clay")
    seed_migration.unseed(__import__("django.apps").apps.apps, None)
    assert list(LibraryItem.objects.annotate(n=Lower("name")).values_list("n", flat=True)) == [
        "staff-added clay"
    ]
