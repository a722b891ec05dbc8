"""Recipe forms: they parse what a maker typed; the services decide whether it is valid."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from batchtrack.query_forms import QueryForm, flag_field, search_field
from batchtrack.tags import split_tags
from inventory.display import input_amount
from inventory.forms import shelf_life_field
from inventory.models import Item
from recipes.categories import CATEGORY_FIELDS
from recipes.models import Category, RecipeVersion
from recipes.services import LineInput, VersionContent
from recipes.services.lines import MAX_CURE_DAYS

BLANK_LINES = 4


def active_items():
    return Item.objects.filter(is_archived=False).order_by("name")


class RecipeForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=100)
    # The one choice of what is made; changing it redraws the form with that kind's fields and
    # everything typed so far (htmx, or the "Show its fields" button without JavaScript).
    category = forms.ChoiceField(
        choices=Category.choices,
        label="Kind",
        help_text="Decides the extra fields (soap: superfat and lye; candle: fragrance load...).",
        widget=forms.Select(
            attrs={
                "hx-trigger": "change",
                "hx-target": "#recipe-editor",
                "hx-select": "#recipe-editor",
                "hx-swap": "outerHTML",
                "hx-vals": '{"change_kind": "1"}',
            }
        ),
    )
    prefix = forms.CharField(
        max_length=10,
        required=False,
        label="Batch-code prefix",
        help_text="Batch codes look like PREFIX-2025-001. Leave blank to make one from the name.",
    )
    output_item = forms.ModelChoiceField(
        queryset=Item.objects.none(),
        required=False,
        label="Finished batches go to",
        help_text="A product SKU's item or an intermediate (such as a soap base); you can change it "
        "when finishing.",
    )

    allowed_containers = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(),
        required=False,
        label="Containers its batches go into",
        help_text="None chosen: any container in stock. Planning proposes how many of which.",
    )
    fill_pct = forms.CharField(
        max_length=10,
        required=False,
        label="Fill (%)",
        help_text="How full each container is filled. Blank: the candle's vessel fill, else 100.",
    )

    def __init__(self, *args, require_prefix: bool = False, redraw_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if redraw_url:
            self.fields["category"].widget.attrs["hx-post"] = redraw_url
        self.fields["output_item"].queryset = active_items().filter(
            kind__in=[Item.Kind.PRODUCT, Item.Kind.INTERMEDIATE], is_tracked=True
        )
        self.fields["allowed_containers"].queryset = active_items().filter(kind=Item.Kind.CONTAINER)
        self.fields["prefix"].required = require_prefix


class VersionForm(StyledFormMixin, forms.Form):
    # A draft may leave the yield blank; publishing asks for it (the service says what is missing).
    yield_quantity = forms.CharField(label="Yield", max_length=30, required=False)
    yield_unit = forms.CharField(
        label="Yield unit",
        max_length=40,
        required=False,
        help_text="g, kg, ml, each... Use each for counted portions.",
        widget=forms.TextInput(attrs={"list": "unit-options"}),
    )
    portion_name = forms.CharField(
        label="Portion name", max_length=40, required=False, help_text="bar, candle, jar (optional)"
    )
    instructions = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    tags = forms.CharField(required=False, max_length=400, help_text="Separate tags with commas.")
    shelf_life_days = shelf_life_field()
    cure_days = forms.IntegerField(
        label="Cure time (days)", required=False, min_value=1, max_value=MAX_CURE_DAYS
    )
    change_note = forms.CharField(label="What changed", max_length=200, required=False)

    def __init__(self, *args, category: str = "other", **kwargs):
        super().__init__(*args, **kwargs)
        self.category_keys = []
        for spec in CATEGORY_FIELDS.get(category, ()):
            self.fields[f"cat_{spec.key}"] = forms.DecimalField(
                label=f"{spec.label} ({spec.suffix})",
                required=False,
                min_value=0,
                max_value=spec.maximum,
            )
            self.category_keys.append(spec.key)
        # Added after the mixin styled the declared fields: style these too.
        for name in (f"cat_{key}" for key in self.category_keys):
            self.fields[name].widget.attrs["class"] = "form-control"

    def category_fields(self):
        return [self[f"cat_{key}"] for key in self.category_keys]

    def content(self, lines: list[LineInput]) -> VersionContent:
        data = self.cleaned_data
        return VersionContent(
            yield_quantity=data["yield_quantity"],
            yield_unit=data["yield_unit"],
            lines=lines,
            portion_name=data["portion_name"],
            instructions=data["instructions"],
            tags=split_tags(data["tags"]),
            category_data={
                key: data.get(f"cat_{key}")
                for key in self.category_keys
                if data.get(f"cat_{key}") is not None
            },
            shelf_life_days=data["shelf_life_days"],
            cure_days=data["cure_days"],
            change_note=data["change_note"],
        )

    @staticmethod
    def initial_from(version: RecipeVersion | None) -> dict:
        if version is None:
            return {"yield_unit": "each"}
        initial = {
            "yield_quantity": input_amount(version.yield_quantity),
            "yield_unit": version.yield_unit,
            "portion_name": version.portion_name,
            "instructions": version.instructions,
            "tags": ", ".join(version.tags),
            "shelf_life_days": version.shelf_life_days,
            "cure_days": version.cure_days,
        }
        initial.update({f"cat_{k}": v for k, v in version.category_data.items()})
        return initial


class LineForm(StyledFormMixin, forms.Form):
    """One recipe line. The item is typed by name with suggestions from one shared <datalist> (a
    <select> per line would repeat every item in every row: page weight and render time grow with
    lines x items)."""

    item = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "item-options", "autocomplete": "off"}),
    )
    quantity = forms.CharField(max_length=30, required=False)
    unit = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"list": "unit-options"})
    )
    note = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, items_by_name: dict[str, Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.items_by_name = items_by_name

    def clean_item(self) -> Item | None:
        name = self.cleaned_data["item"].strip()
        if not name:
            return None
        item = self.items_by_name.get(name.lower())
        if item is None and Item.objects.filter(name__iexact=name, is_archived=True).exists():
            raise forms.ValidationError(
                f"{name} is archived. Restore it under Inventory, or pick another item."
            )
        if item is None:
            raise forms.ValidationError(
                f"There is no item called “{name}”. Pick one from the suggestions, or add "
                "it under Inventory first."
            )
        return item

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("item") and not (data.get("quantity") or "").strip()


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        # Active item names are unique ignoring case (a database constraint): one read for all rows.
        self.items = list(active_items().only("id", "name", "stock_unit", "kind", "count_noun"))
        self._by_name = {item.name.lower(): item for item in self.items}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"items_by_name": self._by_name}

    def line_inputs(self) -> list[LineInput]:
        """Every filled-in row, in order (blank rows are dropped); the service checks them."""
        lines = []
        for form in self.forms:
            if form.is_blank():
                continue
            data = form.cleaned_data
            item = data.get("item")
            lines.append(
                LineInput(
                    item.pk if item else None,
                    (data.get("quantity") or "").strip(),
                    (data.get("unit") or "").strip() or (item.stock_unit if item else ""),
                    data.get("note") or "",
                )
            )
        return lines


LineFormSet = forms.formset_factory(LineForm, formset=BaseLineFormSet, extra=0, max_num=200)


LINE_FIELDS = ("item", "quantity", "unit", "note")


def typed_lines(data) -> list[dict[str, str]]:
    """The non-empty line rows of a posted editor as they were typed, to draw them again unjudged."""
    try:
        total = min(int(data.get("lines-TOTAL_FORMS", 0)), LineFormSet.max_num)
    except (TypeError, ValueError):
        total = 0
    rows = [{key: data.get(f"lines-{i}-{key}", "") for key in LINE_FIELDS} for i in range(total)]
    return [row for row in rows if any(value.strip() for value in row.values())]


def line_formset(
    data=None,
    version: RecipeVersion | None = None,
    extra_rows: int = BLANK_LINES,
    typed: list[dict[str, str]] | None = None,
):
    initial: list[dict] = list(typed or [])
    if version is not None:
        initial += [
            {
                "item": line.item.name,
                "quantity": input_amount(line.quantity),
                "unit": line.unit,
                "note": line.note,
            }
            for line in version.lines.all()
        ]
    initial += [{} for _ in range(extra_rows)]
    return LineFormSet(data=data, initial=initial, prefix="lines")


class RecipeFilterForm(QueryForm):
    """The recipe list's search and its archived switch, from the query string."""

    q = search_field()
    archived = flag_field()
    tag = search_field(max_length=40)


class RecipeCategoryQuery(QueryForm):
    """Which category a new recipe starts in (?category=soap); anything unknown is "other"."""

    category = forms.ChoiceField(required=False, choices=Category.choices, initial=Category.OTHER)


class RecipeVersionQuery(QueryForm):
    """Which version the recipe page shows (?version=<id>); none or an unknown one: the current."""

    version = forms.IntegerField(required=False, min_value=1)


class ScaleForm(QueryForm):
    """Read from the query string of the recipe page: a factor or a target yield, and N batches."""

    factor = forms.CharField(required=False, max_length=20)
    target = forms.CharField(required=False, max_length=20)
    target_unit = forms.CharField(required=False, max_length=40)
    batches = forms.IntegerField(required=False, min_value=1, max_value=1000)


class VariationForm(StyledFormMixin, forms.Form):
    variation_name = forms.CharField(
        max_length=60, label="Variation name", help_text="For example Lavender, or Unscented."
    )
