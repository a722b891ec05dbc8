"""Forms of the guided flows: they parse what a maker chose; the services decide whether it works."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin, optional_date
from batchtrack.query_forms import QueryForm, flag_field, search_field
from inventory.models import Item

OTHER = "other"
SIZES = (("0.5", "Half a batch"), ("1", "One batch"), ("2", "Double"), ("3", "Triple"))


class BatchSizeForm(StyledFormMixin, forms.Form):
    """How much to make: a common multiple of the recipe, or another factor or a target yield."""

    size = forms.ChoiceField(widget=forms.RadioSelect, initial="1", label="How much")
    factor = forms.CharField(required=False, max_length=20, label="Scale ×")
    target = forms.CharField(required=False, max_length=20, label="or make exactly")
    target_unit = forms.CharField(required=False, max_length=40, label="Unit")

    def __init__(self, *args, yield_quantity=None, yield_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        from inventory.units import format_amount

        choices = []
        for value, name in SIZES:
            if yield_quantity is not None:
                made = format_amount(yield_quantity * type(yield_quantity)(value))
                name = f"{name}: {made} {yield_label}"
            choices.append((value, name))
        choices.append((OTHER, "Another amount"))
        self.fields["size"].choices = choices
        self.fields["size"].widget.attrs["class"] = "form-check-input"

    def plan_kwargs(self) -> dict:
        """The plan service's scale arguments for the choice."""
        data = self.cleaned_data
        if data["size"] != OTHER:
            return {"factor": data["size"]}
        target = data["target"].strip()
        if target:
            return {"target_quantity": target, "target_unit": data["target_unit"].strip() or None}
        return {"factor": data["factor"].strip() or "1"}

    def clean(self):
        data = super().clean()
        if data.get("size") == OTHER and not (
            (data.get("factor") or "").strip() or (data.get("target") or "").strip()
        ):
            self.add_error("factor", "Enter a scale (such as 1.5) or an amount to make.")
        return data


class ItemChoiceForm(StyledFormMixin, QueryForm):
    item = forms.ModelChoiceField(
        queryset=Item.objects.none(),
        label="Which item arrived?",
        empty_label="Choose an item…",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.filter(
            is_archived=False, is_tracked=True
        ).order_by("name")


NOWHERE = "none"
NEW_PRODUCT = "new"


class FinishAnswers(QueryForm):
    """The guided finish's answers so far, carried in the query string from step to step: the
    yield (`made`), where it goes (`into`: an item id or NOWHERE; `was`: the earlier choice, for
    Back), whether step 1 was sent (`go`), and for a new product (`into` NEW_PRODUCT) its `name`
    and `price`."""

    go = flag_field()
    made = forms.CharField(required=False, max_length=30)
    into = forms.CharField(required=False, max_length=20)
    was = forms.CharField(required=False, max_length=20)
    name = forms.CharField(required=False, max_length=200)
    price = forms.CharField(required=False, max_length=30)


class FinishYieldForm(StyledFormMixin, QueryForm):
    made = forms.CharField(max_length=30, label="How much did you make?")


class FinishWhereForm(StyledFormMixin, QueryForm):
    """One place for the whole yield: a product's stock or an intermediate, a new product made in
    the same finish (its name and optional price), or nowhere."""

    into = forms.ChoiceField(widget=forms.RadioSelect, label="Where do they go?")
    name = forms.CharField(required=False, max_length=200, label="New product's name")
    price = forms.CharField(
        required=False,
        max_length=30,
        label="Price (optional)",
        help_text="What you sell one for. Leave it empty to set it later.",
    )

    def __init__(self, *args, first: Item | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        items = Item.objects.filter(
            is_archived=False, is_tracked=True, kind__in=[Item.Kind.PRODUCT, Item.Kind.INTERMEDIATE]
        ).order_by("name")
        ordered = sorted(items, key=lambda item: item != first)  # the recipe's own output first
        self.fields["into"].choices = [
            (
                str(item.pk),
                f"{item.name} ({item.get_kind_display().lower()}, kept in {item.stock_unit})",
            )
            for item in ordered
        ] + [
            (NEW_PRODUCT, "Make a new product for these"),
            (NOWHERE, "Nowhere: don't stock them (a test batch, or it was all used)"),
        ]
        self.fields["into"].widget.attrs["class"] = "form-check-input"


class FinishDatesForm(StyledFormMixin, forms.Form):
    expires_on = optional_date(
        "Best before", "Proposed below; change it if you know better. Blank: the proposed date."
    )
    cure_until = optional_date(
        "Curing until",
        "Until then they can't be sold or used. Leave it empty if they're ready now.",
    )
    note = forms.CharField(required=False, max_length=500, label="Note (optional)")


class FindForm(QueryForm):
    """The navigation's search box ("find anything"), from the query string."""

    q = search_field()
