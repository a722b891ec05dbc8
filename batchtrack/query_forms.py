"""Reading the query string: every parameter a page reads comes through a `QueryForm`.

A URL is typed, pasted, bookmarked and fuzzed, so any value can arrive in it: NUL bytes (PostgreSQL
refuses them in text), digits that are not 0-9 (`int("٣")` is 3, `int("²")` fails), numbers larger
than any column, markup, kilobytes of text, a parameter given twice. A `QueryForm` makes each value
safe before a view sees it, in one place: text loses its NUL bytes, a number is made of ASCII digits
within its field's bounds, and a value that does not clean becomes that field's "no filter" value
(its `initial`, else its empty value) while its error stays on the form for the page to show. A page
therefore answers a hostile URL with an ordinary page, never an error.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

# Largest page number any list accepts: far beyond any real list, well within every column.
MAX_PAGE = 1_000_000


def without_nul(data: Any) -> Any:
    """A copy of query data (a QueryDict or a plain dict) with NUL bytes removed from every value."""
    if data is None:
        return None
    if isinstance(data, MultiValueDict):
        clean = QueryDict(mutable=True)
        for key, values in data.lists():
            clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
        return clean
    return {
        key: value.replace("\x00", "") if isinstance(value, str) else value
        for key, value in data.items()
    }


def _number_pattern(field: forms.Field) -> re.Pattern | None:
    """The shape a raw value of `field` must have before Python's own parsing sees it."""
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return _DECIMAL
    if isinstance(field, forms.IntegerField):
        return _INTEGER
    if isinstance(field, forms.ModelChoiceField) and field.to_field_name is None:
        pk = field.queryset.model._meta.pk
        if pk.get_internal_type() in (
            "AutoField",
            "BigAutoField",
            "IntegerField",
            "BigIntegerField",
        ):
            return _INTEGER
    return None


class QueryForm(forms.Form):
    """A form over `request.GET` whose `values` are always safe to use (see the module docstring).

    Bind it with the query (`Form(request.GET)`); an empty query is bound too, so `values` holds every
    field's "no filter" value. Subclasses declare their fields as usual, with bounds
    (`max_length`, `min_value`/`max_value`, `choices`): the bounds are what make a value safe.
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(without_nul(data), *args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            pattern = _number_pattern(field)
            raw = self.data.get(self.add_prefix(name))
            if pattern is None or not isinstance(raw, str) or not raw.strip():
                continue
            if not pattern.fullmatch(raw.strip()) and name not in self.errors:
                self.add_error(name, "Enter a number using the digits 0-9.")

    def fallback(self, name: str) -> Any:
        """The "no filter" value of field `name`: its initial, else its empty value."""
        field = self.fields[name]
        initial = self.get_initial_for_field(field, name)
        if initial is not None:
            return initial
        return field.empty_value if hasattr(field, "empty_value") else field.to_python(None)

    @property
    def values(self) -> dict[str, Any]:
        """Every field's cleaned value, or its fallback when it did not clean."""
        self.is_valid()
        return {
            name: self.fallback(name) if name in self.errors else self.cleaned_data.get(name)
            for name in self.fields
        }


def search_field(**kwargs) -> forms.CharField:
    """A search box: optional text, trimmed, at most 100 characters (longer is no search)."""
    kwargs.setdefault("max_length", 100)
    return forms.CharField(required=False, **kwargs)


def page_field() -> forms.IntegerField:
    """Which page of a list: a whole number from 1 (anything else shows the first page)."""
    return forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


def flag_field() -> forms.Field:
    """A filter switched on by `1` (a checkbox with value="1", or a link); anything else is off."""
    return forms.TypedChoiceField(
        required=False,
        choices=[("", ""), ("1", "1")],
        coerce=lambda value: value == "1",
        empty_value=False,
    )


class PageForm(QueryForm):
    """The page of a list, for pages whose query string holds nothing else."""

    page = page_field()


def page_number(query) -> int:
    """The page asked for in `query` (a QueryDict), 1 when it is missing or not a page number."""
    return PageForm(query).values["page"] or 1
