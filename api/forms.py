from __future__ import annotations

from django import forms

from api.models import KeyRole


class KeyForm(forms.Form):
    name = forms.CharField(
        max_length=50, help_text="What the key is for, e.g. the shop or tool it connects."
    )
    role = forms.ChoiceField(
        choices=KeyRole.choices,
        help_text="Read-only sees everything a viewer sees; Production also records stock and "
        "batches; Admin may do what a workspace admin does.",
    )
