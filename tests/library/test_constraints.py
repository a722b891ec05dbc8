"""The database itself refuses bad library rows (admin forms show the same rules as messages)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from library.models import LibraryItem


def make(**fields) -> LibraryItem:
    values = {"name": "Test oil", "kind": "ingredient", "category": "oil", "default_unit": "g"}
    values.update(fields)
    return LibraryItem.objects.create(**values)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"density_g_per_ml": Decimal("0")}, "library_item_density_positive"),
        ({"density_g_per_ml": Decimal("-0.91")}, "library_item_density_positive"),
        ({"shelf_life_days": 0}, "library_item_shelf_life_positive"),
        ({"kind": "product"}, "library_item_kind_valid"),
        ({"kind": "spaceship"}, "library_item_kind_valid"),
        ({"default_unit": "furlong"}, "library_item_default_unit_valid"),
        ({"name": "   "}, "library_item_name_not_blank"),
    ],
)
def test_database_rejects_invalid_rows(db, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make(**fields)
    assert not LibraryItem.objects.filter(name="Test oil").exists()


def test_database_rejects_negative_shelf_life(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(shelf_life_days=-5)


def test_database_rejects_a_name_differing_only_in_case(db):
    make(name="Olive Oil Extra")
    with pytest.raises(IntegrityError, match="library_item_name_ci_unique"), transaction.atomic():
        make(name="olive oil EXTRA")
    with pytest.raises(IntegrityError, match="library_item_name_ci_unique"), transaction.atomic():
        make(name="  OLIVE OIL EXTRA ")  # trimmed on save, then the same name
    assert LibraryItem.objects.filter(name__iexact="olive oil extra").count() == 1


def test_database_rejects_updates_that_break_the_rules(db):
    item = make(density_g_per_ml=Decimal("0.92"), shelf_life_days=365)
    with pytest.raises(IntegrityError), transaction.atomic():
        LibraryItem.objects.filter(pk=item.pk).update(density_g_per_ml=Decimal("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        LibraryItem.objects.filter(pk=item.pk).update(shelf_life_days=0)
    item.refresh_from_db()
    assert item.density_g_per_ml == Decimal("0.92") and item.shelf_life_days == 365


def test_null_density_and_shelf_life_are_allowed(db):
    item = make(density_g_per_ml=None, shelf_life_days=None)
    assert item.pk


def test_validation_explains_the_rules_in_plain_language(db):
    make(name="Shea Butter Raw")
    item = LibraryItem(
        name="shea butter raw",
        kind="ingredient",
        category="butter",
        default_unit="g",
        density_g_per_ml=Decimal("0"),
        shelf_life_days=0,
    )
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    messages = " ".join(excinfo.value.messages)
    assert "already exists" in messages
    assert "Density must be greater than 0" in messages
    assert "Shelf life must be at least 1 day" in messages


def test_text_and_allergens_are_normalised(db):
    item = make(
        name="  Rose absolute ",
        inci_name=" Rosa Centifolia Flower Extract ",
        allergens=[" Citronellol", "Geraniol", "", "citronellol", "Eugenol "],
    )
    item.refresh_from_db()
    assert item.name == "Rose absolute"
    assert item.inci_name == "Rosa Centifolia Flower Extract"
    assert item.allergens == ["Citronellol", "Geraniol", "Eugenol"]
