"""A label's ingredient list and the IFRA check: pure functions over plain values (no database).

The list follows the EU cosmetics rules (Regulation (EC) No 1223/2009, Article 19(1)(g)): INCI
names in descending order of weight at the time they are added; ingredients under 1 % may follow
in any order after those above (here still heaviest first); the 26 fragrance allergens of Annex III
are named when above 0.001 % of a product left on the skin or 0.01 % of one rinsed off
(`library.allergens`). These are aids: the maker remains responsible for the label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from inventory import units
from inventory.display import format_amount
from library.allergens import threshold_pct

HUNDRED = Decimal("100")
ONE_PCT = Decimal("1")
ZERO = Decimal("0")


@dataclass(frozen=True)
class LabelIngredient:
    """`grams` of an ingredient with INCI name `inci`, holding `allergens` (name -> % by weight)."""

    inci: str
    grams: Decimal
    allergens: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelList:
    ingredients: tuple[str, ...]  # INCI names in label order
    allergens: tuple[str, ...]  # allergens to declare, most first
    shares: Mapping[str, Decimal]  # INCI name -> % of the product (exact)
    allergen_shares: Mapping[str, Decimal]  # every allergen present -> % of the product

    @property
    def text(self) -> str:
        return ", ".join((*self.ingredients, *self.allergens))


def label_list(ingredients: Sequence[LabelIngredient], *, rinse_off: bool) -> LabelList:
    """The ingredient list of a product made of `ingredients` (see the module docstring).

    The product's weight is taken as the weight of its ingredients; the same INCI name on two
    ingredients is one entry. Raises ValueError when nothing weighs anything.
    """
    grams: dict[str, Decimal] = {}
    spelling: dict[str, str] = {}
    allergen_grams: dict[str, Decimal] = {}
    with units.arithmetic():
        for ingredient in ingredients:
            key = ingredient.inci.casefold()
            spelling.setdefault(key, ingredient.inci)
            grams[key] = grams.get(key, ZERO) + ingredient.grams
            for name, pct in ingredient.allergens.items():
                allergen_grams[name] = (
                    allergen_grams.get(name, ZERO) + ingredient.grams * Decimal(pct) / HUNDRED
                )
        total = sum(grams.values(), ZERO)
        if total <= 0:
            raise ValueError("nothing to list")
        shares = {spelling[k]: g * HUNDRED / total for k, g in grams.items()}
        heaviest = sorted(shares.items(), key=lambda pair: (-pair[1], pair[0].casefold()))
        major = [name for name, share in heaviest if share >= ONE_PCT]
        minor = [name for name, share in heaviest if share < ONE_PCT]
        allergen_shares = {name: g * HUNDRED / total for name, g in allergen_grams.items()}
    limit = threshold_pct(rinse_off=rinse_off)
    declared = sorted(
        (name for name, share in allergen_shares.items() if share > limit),
        key=lambda name: (-allergen_shares[name], name),
    )
    return LabelList(tuple(major + minor), tuple(declared), shares, allergen_shares)


@dataclass(frozen=True)
class FragranceLoad:
    """`grams` of fragrance `name` in a batch, and the maximum % its IFRA certificate allows."""

    name: str
    grams: Decimal
    max_pct: Decimal | None


def ifra_warnings(
    fragrances: Sequence[FragranceLoad], *, batch_grams: Decimal, product: str
) -> list[str]:
    """A plain warning for each fragrance above its maximum share of the batch."""
    if batch_grams <= 0:
        return []
    found: list[str] = []
    for fragrance in fragrances:
        if fragrance.max_pct is None:
            continue
        with units.arithmetic():
            load = fragrance.grams * HUNDRED / batch_grams
        if load > fragrance.max_pct:
            found.append(
                f"{fragrance.name} would be {format_amount(load.quantize(Decimal('0.01')))} % of "
                f"this batch, above the {format_amount(fragrance.max_pct)} % its IFRA certificate "
                f"allows in {product}. Use less of it, or check the certificate."
            )
    return found
