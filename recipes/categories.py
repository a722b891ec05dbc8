"""Category fields: the few numbers that matter for a kind of recipe (soap superfat %, candle fragrance
load %), declared once here and stored in RecipeVersion.category_data as strings of exact decimals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CategoryField:
    key: str
    label: str
    maximum: Decimal = Decimal("100")
    suffix: str = "%"


CATEGORY_FIELDS: dict[str, tuple[CategoryField, ...]] = {
    "soap": (
        CategoryField("superfat_pct", "Superfat"),
        CategoryField("lye_concentration_pct", "Lye concentration"),
        CategoryField("water_pct", "Water as % of oils", maximum=Decimal("200")),
    ),
    "candle": (
        CategoryField("fragrance_load_pct", "Fragrance load"),
        CategoryField("vessel_fill_pct", "Vessel fill"),
    ),
    "cosmetic": (
        CategoryField("preservative_pct", "Preservative"),
        CategoryField("emulsifier_pct", "Emulsifier"),
    ),
    "food": (CategoryField("moisture_loss_pct", "Moisture loss in baking"),),
    "other": (),
}


def fields_for(category: str) -> tuple[CategoryField, ...]:
    return CATEGORY_FIELDS.get(category, ())


def labelled(category: str, data: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value with its suffix) for the category fields present in `data`, in declared order."""
    return [
        (spec.label, f"{data[spec.key]} {spec.suffix}".strip())
        for spec in fields_for(category)
        if spec.key in data
    ]
