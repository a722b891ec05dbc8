from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from notifications.models import DigestPreference


class DigestPreferenceForm(StyledFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label="Email digest",
        choices=DigestPreference.Frequency.choices,
        help_text="A short email listing low stock, expiring and expired lots and timers that are "
        "due. Sent only on days when something needs attention.",
    )
