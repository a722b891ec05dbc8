"""Inventory forms. They only parse what a maker typed: quantities, units and costs stay text so that
`inventory.services` judges them and its plain-language errors ("The quantity must be more than zero")
are what the maker reads (`batchtrack.view_helpers.show_error` puts one on the right field);
the item forms' `clean` asks `inventory.item_rules`, the rules create_item and update_item apply.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from batchtrack.forms import StyledFormMixin, optional_date, start_of_day
from batchtrack.query_forms import QueryForm, flag_field, page_field, search_field
from batchtrack.tags import split_tags
from batchtrack.view_helpers import show_error
from inventory.display import input_amount
from inventory.errors import InvalidItem
from inventory.item_rules import (
    CATEGORY_MAX_LENGTH,
    COUNT_NOUN_MAX_LENGTH,
    LIBRARY_LOCKED_FIELDS,
    NAME_MAX_LENGTH,
    PURCHASE_UNIT_MAX_LENGTH,
    clean_item_fields,
)
from inventory.models import CustomUnit, Item, Lot, Movement
from inventory.shelf_life import MAX_SHELF_LIFE_DAYS
from inventory.units import STANDARD_UNIT_CODES
from library.models import LibraryItem

STOCK_UNIT_CHOICES = [(code, code) for code in STANDARD_UNIT_CODES]
Kind = Movement.Kind


def _amount(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _unit_field(help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label="Unit",
        max_length=40,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off"}),
    )


def _note() -> forms.CharField:
    return forms.CharField(label="Note", required=False, max_length=500, widget=forms.TextInput())


def shelf_life_field(help_text: str = "") -> forms.IntegerField:
    """Shelf life in whole days. The browser is told the bounds; the service that receives the value
    judges it (`inventory.shelf_life.clean_shelf_life`), so its message is the one shown."""
    return forms.IntegerField(
        label="Shelf life (days)",
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_SHELF_LIFE_DAYS}),
    )


def _text(length: int, **kwargs) -> forms.CharField:
    """Text whose length a service judges; the browser is told the limit."""
    return forms.CharField(widget=forms.TextInput(attrs={"maxlength": length}), **kwargs)


# --- Items ------------------------------------------------------------------------------------

# What a blank optional entry means to create_item / update_item.
_BLANK_MEANS = {"density_g_per_ml": None, "low_stock_threshold": "0", "untracked_unit_cost": "0"}


class _ItemRulesForm(StyledFormMixin, forms.Form):
    """A form for some of an item's fields, named as create_item's arguments: `clean` asks the
    services' rules (`inventory.item_rules`), so a bad value gets create_item's message."""

    def clean(self):
        cleaned = super().clean()
        try:
            clean_item_fields(self.item_values(cleaned))
        except InvalidItem as exc:
            show_error(self, exc)
        return cleaned

    def item_values(self, data: dict) -> dict:
        """The parsed entries in `data` as create_item / update_item keyword arguments (every
        field of these forms is one of their arguments)."""
        return {
            key: (value.strip() or _BLANK_MEANS[key])
            if key in _BLANK_MEANS
            else split_tags(value)
            if key == "tags"
            else value
            for key, value in data.items()
            if key in self.fields
        }


class ItemForm(_ItemRulesForm):
    name = _text(NAME_MAX_LENGTH)
    kind = forms.ChoiceField(choices=Item.Kind.choices, initial=Item.Kind.INGREDIENT)
    category = _text(CATEGORY_MAX_LENGTH, required=False)
    stock_unit = forms.ChoiceField(
        choices=STOCK_UNIT_CHOICES,
        initial="g",
        help_text="Stock is counted in this unit; you can still receive and use it in any "
        "convertible unit.",
    )
    density_g_per_ml = _amount(
        "Density (g/ml)",
        required=False,
        help_text="Lets weights and volumes of this item convert into each other, e.g. 0.91.",
    )
    shelf_life_days = shelf_life_field(
        "Received stock expires this many days after it arrives unless you give a date."
    )
    low_stock_threshold = _amount(
        "Low-stock threshold",
        required=False,
        help_text="Marked low when what is free falls under this, in the stock unit. Blank: never.",
    )
    is_tracked = forms.BooleanField(
        label="Track stock (in lots)",
        required=False,
        initial=True,
        help_text="Turn off for things like tap water: usage is recorded, stock is not.",
    )
    untracked_unit_cost = _amount("Cost per stock unit when used (untracked items)", required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    usual_supplier_id = forms.TypedChoiceField(
        label="Usually bought from",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="The shopping list groups what to buy by this supplier.",
    )
    purchase_unit = forms.CharField(
        label="Bought in",
        required=False,
        max_length=PURCHASE_UNIT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off"}),
        help_text="The unit you order it in (kg, l, or a custom unit such as jug). Blank: the "
        "stock unit.",
    )
    count_noun = forms.CharField(
        label="Counted as",
        required=False,
        max_length=COUNT_NOUN_MAX_LENGTH,
        help_text='For stock kept in "each": what one is called, such as bar or jar, so pages say '
        '"10 bars". Blank: pieces.',
    )
    tags = forms.CharField(
        required=False,
        max_length=400,
        help_text="Your own labels to find and filter items by, separated by commas.",
    )

    def __init__(
        self,
        *args,
        linked: bool = False,
        stock_unit_locked: bool = False,
        suppliers: list[tuple[int, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["usual_supplier_id"].choices = [("", "No usual supplier")] + [
            (str(pk), name) for pk, name in suppliers or []
        ]
        if linked:
            for name in LIBRARY_LOCKED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "From the ingredient library; unlink to edit."
        if stock_unit_locked:
            self.fields["stock_unit"].disabled = True
            self.fields[
                "stock_unit"
            ].help_text = "This item has stock history, so its stock unit can't change."

    @classmethod
    def initial_for(cls, item: Item) -> dict:
        return {
            "name": item.name,
            "kind": item.kind,
            "category": item.category,
            "stock_unit": item.stock_unit,
            "density_g_per_ml": input_amount(item.density_g_per_ml),
            "shelf_life_days": item.shelf_life_days,
            "low_stock_threshold": input_amount(item.low_stock_threshold),
            "is_tracked": item.is_tracked,
            "untracked_unit_cost": input_amount(item.untracked_unit_cost),
            "notes": item.notes,
            "usual_supplier_id": item.usual_supplier_id,
            "purchase_unit": item.purchase_unit,
            "count_noun": item.count_noun,
            "tags": ", ".join(item.tags),
        }

    def service_kwargs(self) -> dict:
        """The cleaned values as create_item / update_item keyword arguments."""
        return self.item_values(self.cleaned_data)


class LibraryItemForm(_ItemRulesForm):
    """What a maker chooses when adding a library item; name, kind and density come from the
    library and stay locked while the item is linked."""

    stock_unit = ItemForm.base_fields["stock_unit"]
    category = _text(CATEGORY_MAX_LENGTH, required=False)
    shelf_life_days = ItemForm.base_fields["shelf_life_days"]
    low_stock_threshold = ItemForm.base_fields["low_stock_threshold"]
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


# --- Stock ------------------------------------------------------------------------------------


def _lot_choices(lots: list[Lot], blank: str) -> list[tuple[str, str]]:
    choices = [("", blank)]
    for lot in lots:
        label = f"{lot.code}"
        if lot.supplier_lot_code:
            label += f" ({lot.supplier_lot_code})"
        label += f", received {timezone.localtime(lot.received_at):%Y-%m-%d}"
        if lot.expires_at:
            label += f", expires {timezone.localtime(lot.expires_at):%Y-%m-%d}"
        choices.append((str(lot.pk), label))
    return choices


class _AdjustForm(StyledFormMixin, forms.Form):
    """One of the adjust page's forms; `ACTION` is the value of the posted "action" and the prefix of
    its fields (the page holds several forms with the same field names)."""

    ACTION = ""
    LOT_BLANK = ""

    def __init__(self, *args, lots: list[Lot] | None = None, **kwargs):
        kwargs.setdefault("prefix", self.ACTION)
        super().__init__(*args, **kwargs)
        if "lot" in self.fields:
            self.fields["lot"].choices = _lot_choices(lots or [], self.LOT_BLANK)

    def base_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "quantity": data["quantity"].strip() or None,
            "unit": data["unit"].strip() or None,
            "note": data["note"],
        }


_LOT_INVALID = {"invalid_choice": "Pick one of this item's lots (the list may have changed)."}


class RecountForm(_AdjustForm):
    ACTION = "recount"
    FIELD_ALIASES = {"expires_at": "expires_on"}
    quantity = _amount("Counted quantity", help_text="How much you have now, after counting.")
    unit = _unit_field()
    expires_on = optional_date(
        "Found stock expires on",
        "Only when you count more than is on hand. Blank: the date shown above.",
    )
    note = _note()

    def service_kwargs(self) -> dict:
        return {
            "kind": Kind.RECOUNT,
            "expires_at": start_of_day(self.cleaned_data["expires_on"]),
            **self.base_kwargs(),
        }


class DisposeForm(_AdjustForm):
    ACTION = "dispose"
    LOT_BLANK = "Oldest stock first"
    kind = forms.ChoiceField(
        label="Reason",
        choices=[
            (Kind.SPOIL, "Spoiled"),
            (Kind.TRASH, "Thrown away"),
            (Kind.DAMAGED, "Damaged"),
            (Kind.EXPIRED, "Expired"),
        ],
    )
    quantity = _amount(
        "Quantity",
        required=False,
        help_text="For expired stock, blank disposes of all of it (or all of the chosen lot).",
    )
    unit = _unit_field()
    lot = forms.ChoiceField(
        label="From lot",
        required=False,
        error_messages=_LOT_INVALID,
        help_text="Expired disposal takes only expired lots.",
    )
    note = _note()

    def service_kwargs(self) -> dict:
        lot = self.cleaned_data["lot"]
        return {
            "kind": self.cleaned_data["kind"],
            "lot": int(lot) if lot else None,
            **self.base_kwargs(),
        }


class GiveawayForm(_AdjustForm):
    ACTION = "giveaway"
    LOT_BLANK = "Oldest usable stock first"
    kind = forms.ChoiceField(
        label="Given as",
        choices=[(Kind.TESTER, "Tester"), (Kind.GIFT, "Gift"), (Kind.SAMPLE, "Sample")],
    )
    quantity = _amount("Quantity")
    unit = _unit_field()
    lot = forms.ChoiceField(label="From lot", required=False, error_messages=_LOT_INVALID)
    note = _note()

    service_kwargs = DisposeForm.service_kwargs


class ReturnForm(_AdjustForm):
    ACTION = "return"
    FIELD_ALIASES = {"expires_at": "expires_on"}
    quantity = _amount("Quantity returned")
    unit = _unit_field()
    unit_cost = _amount(
        "Cost per unit ($)", required=False, help_text="Blank: the current average cost."
    )
    expires_on = optional_date("Expires on", "Blank: from the item's shelf life, if it has one.")
    note = _note()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": Kind.RETURNED,
            "unit_cost": data["unit_cost"].strip() or None,
            "expires_at": start_of_day(data["expires_on"]),
            **self.base_kwargs(),
        }


ADJUST_FORMS = {form.ACTION: form for form in (RecountForm, DisposeForm, GiveawayForm, ReturnForm)}


# --- Custom units and densities -------------------------------------------------------------------


class CustomUnitForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=40, help_text="For example scoop, bar or drop.")
    quantity = _amount("Is how much", help_text="1 scoop = 2 tbsp: enter 2.")
    unit = forms.ChoiceField(label="Of", choices=STOCK_UNIT_CHOICES)
    kind = forms.ChoiceField(
        label="It is a",
        choices=[("", "Same kind as its unit"), *CustomUnit.Kind.choices],
        required=False,
        help_text="Choose Count for pieces defined by weight or volume (1 bar = 113 g).",
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "quantity": data["quantity"].strip(),
            "unit": data["unit"],
            "kind": data["kind"] or None,
        }


class DensityForm(StyledFormMixin, forms.Form):
    density_g_per_ml = _amount("Density (g/ml)", required=False)


class ItemFilterForm(QueryForm):
    """The inventory list's search, filters and page, from its query string."""

    q = search_field()
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Item.Kind.choices])
    low = flag_field()
    expiring = flag_field()
    archived = flag_field()
    tag = search_field(max_length=40)
    page = page_field()


class LibraryEntriesField(forms.Field):
    """Library entries ticked on the library page (`entry`, repeated): their ids, each once."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        ids: list[int] = []
        for raw in value or []:
            text = str(raw).strip()
            if not (text.isascii() and text.isdigit()) or len(text) > 18:
                raise forms.ValidationError("Choose items from the library list.")
            if int(text) not in ids:
                ids.append(int(text))
        return ids


class LibrarySearchForm(QueryForm):
    """The ingredient library search (page and htmx results), from the query string; `entry` keeps
    what is already ticked across searches."""

    q = search_field()
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *LibraryItem.Kind.choices])
    entry = LibraryEntriesField(required=False)


class LibraryPickForm(forms.Form):
    """The library entries to add in one go."""

    entry = LibraryEntriesField(required=False)


class LibraryLinkForm(forms.Form):
    """The library entry an existing item is linked to."""

    entry = forms.IntegerField(min_value=1, max_value=2**62)
