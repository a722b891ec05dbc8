from __future__ import annotations

from datetime import UTC, datetime, time

from django import forms
from django.utils import timezone

from billing.tiers import PAID_TIERS


class ComplimentaryForm(forms.Form):
    tier = forms.ChoiceField(choices=[(t.key, t.name) for t in PAID_TIERS])
    until = forms.DateField(
        label="Until (inclusive)",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The complimentary tier ends at the end of this day (UTC).",
    )

    def clean_until(self):
        day = self.cleaned_data["until"]
        until = datetime.combine(day, time.max, tzinfo=UTC)
        if until <= timezone.now():
            raise forms.ValidationError("Choose a day in the future.")
        return until
