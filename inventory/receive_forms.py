"""The receive form (one delivery of one item into a new lot: the supplier from the directory or
typed) and the entries its live preview sends. Like every inventory form, they only parse what a
maker typed; `inventory.services.receive` judges it."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin, optional_date, start_of_day
from batchtrack.query_forms import QueryForm
from inventory.forms import _amount, _note, _unit_field


class ReceiveForm(StyledFormMixin, forms.Form):
    FIELD_ALIASES = {"expires_at": "expires_on"}

    quantity = _amount("Quantity")
    unit = _unit_field("Any unit that converts to the stock unit, including your custom units.")
    unit_cost = _amount("Cost per unit ($)", required=False, help_text="Per unit entered above.")
    total_cost = _amount(
        "Or total cost ($)",
        required=False,
        help_text="For the whole delivery; leave the cost per unit blank.",
    )
    expires_on = optional_date("Expires on", "Blank: from the item's shelf life, if it has one.")
    supplier_id = forms.TypedChoiceField(
        label="Supplier",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="From your suppliers (Buying); the lot then links to it.",
        error_messages={
            "invalid_choice": "That supplier is no longer in your list; choose another or type "
            "its name below."
        },
    )
    supplier = forms.CharField(
        label="Or a supplier not in your list",
        max_length=120,
        required=False,
        help_text="Its name, kept with the lot.",
    )
    supplier_lot_code = forms.CharField(label="Supplier lot code", max_length=80, required=False)
    hold_until = optional_date(
        "Curing or on hold until", "Production won't use this lot before that date."
    )
    note = _note()

    def __init__(self, *args, suppliers: list[tuple[int, str]] | None = None, **kwargs):
        """`suppliers`: (id, name) of the suppliers a lot may come from (purchasing's
        supplier_choices)."""
        super().__init__(*args, **kwargs)
        self.supplier_names = dict(suppliers or [])
        self.fields["supplier_id"].choices = [("", "Not in the list (type it below) or none")] + [
            (str(pk), name) for pk, name in self.supplier_names.items()
        ]

    def clean(self):
        data = super().clean()
        chosen, typed = data.get("supplier_id"), (data.get("supplier") or "").strip()
        if chosen and typed:
            self.add_error(
                "supplier",
                f"You chose {self.supplier_names[chosen]} from your suppliers: leave this blank, "
                "or choose 'Not in the list' to type another name.",
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        chosen = data.get("supplier_id")
        return {
            "quantity": data["quantity"].strip(),
            "unit": data["unit"].strip() or None,
            "unit_cost": data["unit_cost"].strip() or None,
            "total_cost": data["total_cost"].strip() or None,
            "expires_at": start_of_day(data["expires_on"]),
            "hold_until": start_of_day(data["hold_until"]),
            "supplier": self.supplier_names[chosen] if chosen else data["supplier"].strip(),
            "supplier_id": chosen,
            "supplier_lot_code": data["supplier_lot_code"],
            "note": data["note"],
        }


class ReceivePreviewForm(QueryForm):
    """The receive form's entries as the live preview sends them; `preview_receive` parses them."""

    quantity = forms.CharField(required=False, max_length=40)
    unit = forms.CharField(required=False, max_length=40)
    unit_cost = forms.CharField(required=False, max_length=40)
    total_cost = forms.CharField(required=False, max_length=40)
