from __future__ import annotations

from django import forms


class StyledFormMixin:
    """Give every visible widget Bootstrap's classes (templates add is-invalid from the errors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
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
