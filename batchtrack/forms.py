from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from batchtrack.money import currency_symbol


def optional_date(label: str, help_text: str = "") -> forms.DateField:
    """A date the maker may leave empty, with the browser's date picker."""
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def start_of_day(day: date | None) -> datetime | None:
    """A date picked on a page as the start of that day in the user's (the active) time zone."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def day_of(moment: datetime | None) -> date | None:
    """The day of an aware datetime in the user's (the active) time zone, for a date field."""
    if moment is None:
        return None
    return timezone.localdate(moment)


class StyledFormMixin:
    """Give every visible widget Bootstrap's classes (templates add is-invalid from the errors), and
    write a "($)" in a label as the workspace's currency symbol ("Cost per unit (€)")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        symbol = None
        for field in self.fields.values():
            if field.label and "($)" in str(field.label):
                symbol = symbol or currency_symbol()
                field.label = str(field.label).replace("($)", f"({symbol})")
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = (
                "form-select"
                if isinstance(widget, forms.Select)
                else (
                    "form-check-input"
                    if isinstance(widget, forms.CheckboxInput)
                    else "form-control"
                )
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
