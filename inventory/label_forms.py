"""The form for an item's label facts (its service is `inventory.services.set_label_facts`)."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from inventory.services import IFRA_CATEGORIES


class LabelFactsForm(StyledFormMixin, forms.Form):
    inci_name = forms.CharField(
        max_length=255,
        required=False,
        label="INCI name",
        help_text="As on the supplier's documents. Blank: the ingredient library's.",
    )
    allergens = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Allergen content (% by weight)",
        help_text="One per line from the supplier's allergen declaration, such as “Linalool 30”. "
        "Blank: the ingredient library's typical values.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in IFRA_CATEGORIES.items():
            self.fields[f"ifra_{key}"] = forms.CharField(
                max_length=10, required=False, label=f"IFRA maximum %: {label}"
            )

    def allergen_content(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for line in (self.cleaned_data.get("allergens") or "").splitlines():
            name, _, pct = line.strip().rpartition(" ")
            if line.strip():
                found[name.strip() or line.strip()] = pct.rstrip("%") if name else ""
        return found

    def ifra_limits(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"ifra_{key}") or "" for key in IFRA_CATEGORIES}


def initial_of(item) -> dict[str, str]:
    return {
        "inci_name": item.inci_name,
        "allergens": "\n".join(f"{name} {pct}" for name, pct in item.allergen_content.items()),
        **{f"ifra_{key}": pct for key, pct in item.ifra_limits.items()},
    }
