from __future__ import annotations

from django import forms

from webhooks.models import Event
from webhooks.services import SUBSCRIBABLE


class EndpointForm(forms.Form):
    url = forms.CharField(
        label="Address (URL)",
        max_length=500,
        help_text="Where to send the events, e.g. your Zapier, Make or n8n webhook address.",
    )
    description = forms.CharField(max_length=100, required=False)
    events = forms.MultipleChoiceField(
        choices=[(value, Event(value).label) for value in SUBSCRIBABLE],
        widget=forms.CheckboxSelectMultiple,
    )
