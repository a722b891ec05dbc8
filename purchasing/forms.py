"""Purchasing forms. They only parse what a maker typed: amounts stay text so that the services judge
them and their plain-language errors are what the maker reads; the supplier form's `clean` asks
`purchasing.supplier_rules`, the rules the supplier services apply."""

from __future__ import annotations

import uuid
from datetime import date

from django import forms
from django.utils import timezone

from batchtrack.forms import StyledFormMixin, optional_date, start_of_day
from batchtrack.query_forms import QueryForm, flag_field, page_field, search_field
from batchtrack.view_helpers import show_error
from inventory.models import Item
from purchasing import file_rules
from purchasing.errors import InvalidSupplier
from purchasing.models import Allocation, Document, Supplier
from purchasing.services import ReceiptLineInput
from purchasing.supplier_rules import MAX_LEAD_TIME_DAYS, clean_supplier_fields

MAX_FORM_LINES = 40
# A report's days stay within these, so a typed year 1 or 9999 can't overflow a time zone.
_EARLIEST, _LATEST = date(2000, 1, 1), date(2999, 12, 31)
DEFAULT_LINES = 5


def _text(model_field: str, **kwargs) -> forms.CharField:
    length = Supplier._meta.get_field(model_field).max_length
    return forms.CharField(widget=forms.TextInput(attrs={"maxlength": length}), **kwargs)


def _amount(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class SupplierForm(StyledFormMixin, forms.Form):
    name = _text("name")
    contact_name = _text("contact_name", label="Contact person", required=False)
    email = _text("email", required=False)
    phone = _text("phone", required=False)
    website = _text("website", required=False)
    lead_time_days = forms.IntegerField(
        label="Usual lead time (days)",
        required=False,
        help_text="How long an order from them usually takes to arrive.",
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_LEAD_TIME_DAYS}),
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_archived = forms.BooleanField(
        label="Archived",
        required=False,
        help_text="Archived suppliers stay on old receipts but aren't offered for new ones.",
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_archived"]

    @classmethod
    def initial_for(cls, supplier: Supplier) -> dict:
        return {name: getattr(supplier, name) for name in cls.base_fields}

    def clean(self):
        cleaned = super().clean()
        try:
            clean_supplier_fields(self.service_kwargs(cleaned))
        except InvalidSupplier as exc:
            show_error(self, exc)
        return cleaned

    def service_kwargs(self, data: dict | None = None) -> dict:
        data = self.cleaned_data if data is None else data
        return {key: value for key, value in data.items() if key in self.fields}


class ReceiptForm(StyledFormMixin, forms.Form):
    FIELD_ALIASES = {"received_at": "received_on"}

    supplier = forms.ChoiceField()
    reference = forms.CharField(label="Invoice or order number", required=False, max_length=80)
    received_on = forms.DateField(
        label="Received on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today unless the delivery came earlier.",
    )
    shipping = _amount("Shipping ($)")
    tax = _amount("Tax ($)")
    fees = _amount("Other fees ($)", help_text="Customs, handling, card fees...")
    allocation = forms.ChoiceField(
        label="Share shipping, tax and fees",
        choices=Allocation.choices,
        initial=Allocation.VALUE,
        widget=forms.RadioSelect,
        help_text="Each line's share is added to what its stock cost (its landed cost).",
    )
    note = forms.CharField(required=False, max_length=500)
    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, suppliers: list[Supplier], supplier: int | None = None, **kwargs):
        kwargs["initial"] = {
            "received_on": timezone.localdate(),
            "submission": uuid.uuid4().hex,
            "supplier": str(supplier or ""),
        }
        super().__init__(*args, **kwargs)
        self.fields["supplier"].choices = [("", "Choose a supplier")] + [
            (str(s.pk), s.name) for s in suppliers
        ]
        self.fields["allocation"].widget.attrs["class"] = "form-check-input"

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        day = data["received_on"]
        return {
            "supplier": int(data["supplier"]),
            "reference": data["reference"],
            "received_at": timezone.now() if day == timezone.localdate() else start_of_day(day),
            "shipping": data["shipping"].strip(),
            "tax": data["tax"].strip(),
            "fees": data["fees"].strip(),
            "allocation": data["allocation"],
            "note": data["note"],
            "idempotency_key": data["submission"] or None,
        }


class ReceiptLineForm(StyledFormMixin, forms.Form):
    item = forms.ChoiceField(required=False)
    quantity = _amount("Quantity")
    unit = forms.CharField(
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off"}),
    )
    cost = _amount("Cost ($)")
    expires_on = optional_date("Expires on")
    supplier_lot_code = forms.CharField(label="Supplier lot code", required=False, max_length=80)

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—")] + [(str(i.pk), i.name) for i in items]

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("item") or data.get("quantity") or data.get("cost"))

    def line(self) -> ReceiptLineInput:
        data = self.cleaned_data
        return ReceiptLineInput(
            item=int(data["item"]) if data["item"] else 0,
            quantity=data["quantity"].strip() or "0",
            cost=data["cost"].strip(),
            unit=data["unit"].strip() or None,
            expires_at=start_of_day(data["expires_on"]),
            supplier_lot_code=data["supplier_lot_code"],
        )


ReceiptLineFormSet = forms.formset_factory(
    ReceiptLineForm, extra=0, max_num=MAX_FORM_LINES, absolute_max=MAX_FORM_LINES
)


class ReceiptStartForm(QueryForm):
    """How the empty receipt form starts: how many lines (?lines=) and which supplier (?supplier=)."""

    lines = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_FORM_LINES, initial=DEFAULT_LINES
    )
    supplier = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class DocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What it is", choices=Document.Kind.choices)
    title = forms.CharField(required=False, max_length=120, help_text="Blank: the file's name.")
    file = forms.FileField(
        help_text=f"{file_rules.KINDS_TEXT[0].upper()}{file_rules.KINDS_TEXT[1:]}, at most "
        f"{file_rules.MAX_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": file_rules.ACCEPT}),
    )


class SupplierFilterForm(QueryForm):
    q = search_field()
    archived = flag_field()


class ReceiptFilterForm(QueryForm):
    page = page_field()


class PeriodForm(QueryForm):
    """The purchases report's days (both included); blank: this year so far."""

    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def period(self) -> tuple[date, date]:
        """(first day, last day), in order, within years a receipt can have."""
        today = timezone.localdate()
        start = self.values.get("start") or today.replace(month=1, day=1)
        end = self.values.get("end") or today
        start, end = (min(max(day, _EARLIEST), _LATEST) for day in (start, end))
        return (start, end) if start <= end else (end, start)
