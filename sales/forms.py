"""Sales forms: they parse what a maker typed; the services decide whether it is valid."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from batchtrack.forms import StyledFormMixin
from batchtrack.query_forms import QueryForm, search_field
from reports.exports.table import FIRST_DAY, LAST_DAY, within_reach
from sales.models import Customer, Order
from sales.selectors import active_skus

LINE_ROWS = 6
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year


class CustomerForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.CharField(max_length=254, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OrderForm(StyledFormMixin, forms.Form):
    customer = forms.ModelChoiceField(
        queryset=Customer.objects.none(),
        required=False,
        empty_label="No customer (a walk-in or market sale)",
    )
    shipping_charged = forms.CharField(
        max_length=20, required=False, help_text="What the customer paid for shipping."
    )
    marketplace_fee = forms.CharField(
        max_length=20, required=False, help_text="What the shop or marketplace kept (Etsy, ...)."
    )
    note = forms.CharField(max_length=200, required=False, help_text="An order number, say.")
    hold = forms.BooleanField(
        required=False,
        label="Hold the stock now",
        help_text="Sets the stock aside so nothing else uses it before you ship.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = Customer.objects.order_by("name", "id")


class LineForm(StyledFormMixin, forms.Form):
    sku = forms.ModelChoiceField(queryset=None, required=False, label="SKU")
    quantity = forms.CharField(max_length=30, required=False)
    unit_price = forms.CharField(max_length=20, required=False, help_text="Blank: the SKU's price.")
    discount = forms.CharField(max_length=20, required=False, help_text="Off the whole line.")

    def __init__(self, *args, skus=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].queryset = skus if skus is not None else active_skus()
        self.fields["sku"].label_from_instance = lambda sku: f"{sku.code} · {sku.product.name}"

    @property
    def filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("sku") or data.get("quantity"))


def line_forms(data=None) -> list[LineForm]:
    skus = active_skus()
    return [LineForm(data, prefix=f"line{n}", skus=skus) for n in range(1, LINE_ROWS + 1)]


class ReturnForm(StyledFormMixin, forms.Form):
    quantity = forms.CharField(max_length=30, required=False)
    refund = forms.CharField(max_length=20, required=False)
    note = forms.CharField(max_length=200, required=False)


class OrderSearchForm(QueryForm):
    q = search_field()
    status = forms.ChoiceField(required=False, choices=[("", "All"), *Order.Status.choices])


class CustomerSearchForm(QueryForm):
    q = search_field()


class YearForm(QueryForm):
    year = forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def chosen(self) -> int:
        """The year asked for, else this one."""
        return self.values["year"] or timezone.localdate().year


class DateRangeForm(QueryForm):
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def chosen(self) -> tuple[date, date]:
        """(first day, last day) asked for, in order, within the days a report can be about; by
        default this year up to today."""
        today = timezone.localdate()
        values = self.values
        start, end = values["start"] or date(today.year, 1, 1), values["end"] or today
        start, end = within_reach(start), within_reach(end)
        return (start, end) if start <= end else (end, start)


class AsOfForm(QueryForm):
    on = forms.DateField(
        required=False, label="At the end of", widget=forms.DateInput(attrs={"type": "date"})
    )

    def chosen(self) -> date:
        return within_reach(self.values["on"] or timezone.localdate())
