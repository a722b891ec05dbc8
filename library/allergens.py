"""The EU's 26 fragrance allergens that a cosmetic's label must name, and when.

Source: Regulation (EC) No 1223/2009 on cosmetic products, Annex III (entries 45 and 67-92, first
listed by Directive 2003/15/EC): each must be declared in the list of ingredients when its
concentration exceeds 0.001 % in products left on the skin or 0.01 % in products rinsed off.
Names are the INCI names used on labels; CAS numbers as in Annex III. Two of them (Lilial, Lyral)
have since been banned outright (Regulation (EU) 2021/1902, Annex II), so a product that contains
them can't be sold in the EU at all; they stay listed so such a label still names them. The
extended list of Regulation (EU) 2023/1545 is optional here and not included.
"""

from __future__ import annotations

from decimal import Decimal

LEAVE_ON_THRESHOLD_PCT = Decimal("0.001")
RINSE_OFF_THRESHOLD_PCT = Decimal("0.01")

# (INCI name as declared on a label, CAS number)
EU_ALLERGENS: tuple[tuple[str, str], ...] = (
    ("Amyl Cinnamal", "122-40-7"),
    ("Benzyl Alcohol", "100-51-6"),
    ("Cinnamyl Alcohol", "104-54-1"),
    ("Citral", "5392-40-5"),
    ("Eugenol", "97-53-0"),
    ("Hydroxycitronellal", "107-75-5"),
    ("Isoeugenol", "97-54-1"),
    ("Amylcinnamyl Alcohol", "101-85-9"),
    ("Benzyl Salicylate", "118-58-1"),
    ("Cinnamal", "104-55-2"),
    ("Coumarin", "91-64-5"),
    ("Geraniol", "106-24-1"),
    ("Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde", "31906-04-4"),
    ("Anise Alcohol", "105-13-5"),
    ("Benzyl Cinnamate", "103-41-3"),
    ("Farnesol", "4602-84-0"),
    ("Butylphenyl Methylpropional", "80-54-6"),
    ("Linalool", "78-70-6"),
    ("Benzyl Benzoate", "120-51-4"),
    ("Citronellol", "106-22-9"),
    ("Hexyl Cinnamal", "101-86-0"),
    ("Limonene", "5989-27-5"),
    ("Methyl 2-Octynoate", "111-12-6"),
    ("Alpha-Isomethyl Ionone", "127-51-5"),
    ("Evernia Prunastri Extract", "90028-68-5"),
    ("Evernia Furfuracea Extract", "90028-67-4"),
)

_BY_KEY = {name.casefold(): name for name, _cas in EU_ALLERGENS}


def allergen_name(text: str) -> str | None:
    """The label spelling of one of the 26 ("linalool" -> "Linalool"), else None."""
    return _BY_KEY.get(" ".join((text or "").split()).casefold())


def threshold_pct(*, rinse_off: bool) -> Decimal:
    """Above this share of the finished product an allergen is named on the label."""
    return RINSE_OFF_THRESHOLD_PCT if rinse_off else LEAVE_ON_THRESHOLD_PCT
