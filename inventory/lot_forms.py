"""The form that corrects a lot's facts (its service is `inventory.services.correct_lot`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from batchtrack.forms import StyledFormMixin, day_of, optional_date, start_of_day
from batchtrack.glossary import quantity_words
from inventory.display import input_amount
from inventory.models import Lot


class LotCorrectionForm(StyledFormMixin, forms.Form):
    FIELD_ALIASES = {"hold_until": "cure_until", "expires_at": "best_before"}

    cure_until = optional_date(
        "Curing until", "Until then they can't be sold or used. Empty: ready now."
    )
    best_before = optional_date("Best before", "Empty: no best-before date.")
    supplier = forms.CharField(required=False, max_length=120, label="Supplier")
    supplier_lot_code = forms.CharField(
        required=False, max_length=80, label="Supplier's lot code", help_text="As on their label."
    )
    unit_cost = forms.CharField(required=False, max_length=30)
    note = forms.CharField(
        required=False, max_length=500, label="Why (optional)", help_text="Kept with the change."
    )

    def __init__(self, *args, lot: Lot, **kwargs):
        kwargs["initial"] = {
            "cure_until": day_of(lot.hold_until) if lot.is_curing() else None,
            "best_before": day_of(lot.expires_at),
            "supplier": lot.supplier,
            "supplier_lot_code": lot.supplier_lot_code,
            "unit_cost": input_amount(lot.unit_cost),
        }
        super().__init__(*args, **kwargs)
        one = quantity_words(Decimal(1), lot.item.stock_unit, lot.item.count_noun)
        self.fields["unit_cost"].label = f"Cost of {one}"
        self.fields["unit_cost"].help_text = (
            "Correct a wrong price: what is left is revalued; what was already used or sold keeps "
            "its cost."
        )

    def changes(self) -> dict[str, Any]:
        """`correct_lot`'s arguments for the fields the maker changed (the rest are left out)."""
        data, initial = self.cleaned_data, self.initial
        changed: dict[str, Any] = {}
        if data["cure_until"] != initial["cure_until"]:
            changed["hold_until"] = start_of_day(data["cure_until"])
        if data["best_before"] != initial["best_before"]:
            changed["expires_at"] = start_of_day(data["best_before"])
        for name in ("supplier", "supplier_lot_code"):
            if data[name].strip() != initial[name]:
                changed[name] = data[name]
        if data["unit_cost"].strip() not in ("", initial["unit_cost"]):
            changed["unit_cost"] = data["unit_cost"].strip()
        return changed
