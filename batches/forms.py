"""Batch forms: they parse what a maker typed; the services decide whether it is valid."""

from __future__ import annotations

from datetime import timedelta

from django import forms

from batches.models import Batch
from batchtrack.forms import StyledFormMixin, optional_date
from batchtrack.query_forms import QueryForm, search_field
from inventory.models import Item


def output_items():
    return Item.objects.filter(
        is_archived=False, is_tracked=True, kind__in=[Item.Kind.PRODUCT, Item.Kind.INTERMEDIATE]
    ).order_by("kind", "name")


class PlanForm(StyledFormMixin, forms.Form):
    factor = forms.CharField(required=False, max_length=40, label="Scale ×")
    target = forms.CharField(required=False, max_length=30, label="or target yield")
    target_unit = forms.CharField(required=False, max_length=40, label="Target unit")
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Plan note"
    )


class StartForm(forms.Form):
    skip = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    skip_reason = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skip"].choices = [(p, p) for p in positions]


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)


class ExtraForm(StyledFormMixin, forms.Form):
    item = forms.ModelChoiceField(queryset=Item.objects.none())
    quantity = forms.CharField(max_length=30)
    unit = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"list": "unit-options"})
    )
    note = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.filter(is_archived=False).order_by("name")


class NoteForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class TimerForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=80)
    days = forms.IntegerField(min_value=0, max_value=366, required=False, initial=0)
    hours = forms.IntegerField(min_value=0, max_value=23, required=False, initial=0)
    minutes = forms.IntegerField(min_value=0, max_value=59, required=False, initial=0)

    def duration(self) -> timedelta:
        data = self.cleaned_data
        return timedelta(
            days=data.get("days") or 0,
            hours=data.get("hours") or 0,
            minutes=data.get("minutes") or 0,
        )


class FinishForm(StyledFormMixin, forms.Form):
    actual_yield = forms.CharField(max_length=30, label="Actual yield")
    expires_on = optional_date(
        "Expires on", "Proposed below; change it if you know better. Blank: the proposed date."
    )
    cure_until = optional_date("Curing until", "Until then the lots can't be sold or used.")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutputForm(StyledFormMixin, forms.Form):
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False)
    quantity = forms.CharField(max_length=30, required=False)
    unit = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"list": "unit-options"})
    )
    yield_share = forms.CharField(max_length=30, required=False)
    container = forms.ModelChoiceField(
        queryset=Item.objects.none(), required=False, empty_label="No container"
    )
    container_count = forms.CharField(max_length=30, required=False)

    def __init__(self, *args, items=None, containers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items if items is not None else output_items()
        if containers is not None:
            self.fields["container"].queryset = containers

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("item") and not (data.get("quantity") or "").strip()


class BaseOutputFormSet(forms.BaseFormSet):
    def __init__(self, *args, containers=None, **kwargs):
        self._items = output_items()
        self._containers = containers
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"items": self._items, "containers": self._containers}


OutputFormSet = forms.formset_factory(OutputForm, formset=BaseOutputFormSet, extra=0, max_num=20)


class UnusedContainersForm(StyledFormMixin, forms.Form):
    """How many of each container the batch took went unused (they go back to stock)."""

    def __init__(self, *args, containers=(), **kwargs):
        super().__init__(*args, **kwargs)
        for container in containers:
            self.fields[f"unused_{container.pk}"] = forms.CharField(
                max_length=30, required=False, label=f"Unused {container.name}"
            )

    def counts(self) -> list[tuple[int, str]]:
        return [
            (int(name.removeprefix("unused_")), value.strip())
            for name, value in self.cleaned_data.items()
            if value and value.strip()
        ]


class BatchFilterForm(QueryForm):
    """The batches list's search and status filter, from the query string."""

    q = search_field()
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Batch.Status.choices])


class RecallForm(QueryForm):
    """The recall search: a lot code (L123) or a supplier's lot code, and the lot picked from the
    matches."""

    q = search_field()
    lot = forms.IntegerField(required=False, min_value=1)
