"""Product forms: they parse what a maker typed; the services decide whether it is valid."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from batchtrack.query_forms import QueryForm, search_field
from inventory.forms import shelf_life_field
from inventory.models import Item
from inventory.units import STANDARD_UNIT_CODES
from products.models import DEFAULT_SKU_PATTERN, Deduction
from recipes.models import Recipe


class SimpleProductForm(StyledFormMixin, forms.Form):
    """A new product: a name and a price. Its code is made quietly; scents and sizes come later."""

    name = forms.CharField(max_length=100)
    price = forms.CharField(
        max_length=30,
        required=False,
        label="Price (optional)",
        help_text="What you sell one for. Leave it empty to set it later.",
    )
    recipe = forms.ModelChoiceField(
        queryset=Recipe.objects.none(), required=False, label="Made by recipe (optional)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipe"].queryset = Recipe.objects.filter(is_archived=False).order_by("name")


class ProductForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=100)
    code = forms.CharField(
        max_length=12, required=False, help_text="Used in SKU codes. Blank: made from the name."
    )
    category = forms.CharField(max_length=60, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sku_pattern = forms.CharField(
        max_length=60,
        initial=DEFAULT_SKU_PATTERN,
        label="SKU code pattern",
        help_text="{product}, {variant} and {size} are replaced by their codes.",
    )
    recipe = forms.ModelChoiceField(
        queryset=Recipe.objects.none(), required=False, label="Made by recipe"
    )

    def __init__(self, *args, simple: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipe"].queryset = Recipe.objects.filter(is_archived=False).order_by("name")
        if simple:  # one kind, one size: codes and their pattern stay out of the way
            del self.fields["code"], self.fields["sku_pattern"]


class OptionForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=60)
    code = forms.CharField(max_length=12, required=False)


class SizeForm(OptionForm):
    container = forms.ModelChoiceField(queryset=Item.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["container"].queryset = Item.objects.filter(
            is_archived=False, kind__in=[Item.Kind.CONTAINER, Item.Kind.PACKAGING]
        ).order_by("name")


class SkuForm(StyledFormMixin, forms.Form):
    variant = forms.ChoiceField(required=False)
    size = forms.ChoiceField(required=False)
    code = forms.CharField(
        max_length=40, required=False, help_text="Blank: from the product's pattern."
    )
    price = forms.CharField(max_length=20)
    stock_unit = forms.ChoiceField(choices=[(u, u) for u in STANDARD_UNIT_CODES], initial="each")
    shelf_life_days = shelf_life_field()

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [("", "—")] + [
            (v.pk, v.name) for v in product.variants.all()
        ]
        self.fields["size"].choices = [("", "—")] + [(s.pk, s.name) for s in product.sizes.all()]


class SkuEditForm(StyledFormMixin, forms.Form):
    code = forms.CharField(max_length=40)
    price = forms.CharField(max_length=20)


class DeductForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        choices=[(k, label) for k, label in Deduction.Kind.choices if k != Deduction.Kind.RETURNED]
    )
    quantity = forms.CharField(max_length=30)
    unit_price = forms.CharField(
        max_length=20, required=False, help_text="Sales only; blank: the SKU's price."
    )
    note = forms.CharField(max_length=200, required=False)


class HoldForm(StyledFormMixin, forms.Form):
    quantity = forms.CharField(max_length=30)
    note = forms.CharField(
        max_length=200, label="Held for", help_text="An order number or a customer's name."
    )


class SkuSearchForm(QueryForm):
    """The products list's search box, from the query string."""

    q = search_field()
