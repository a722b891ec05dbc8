from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from batchtrack.query_forms import QueryForm
from publicsite.models import WaitlistEntry


class WaitlistForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    feature = forms.ChoiceField(
        label="Which feature are you waiting for?", choices=WaitlistEntry.Feature.choices
    )
    note = forms.CharField(
        label="Anything we should know? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The honeypot: hidden from people (CSS and the accessibility tree), filled in by bots.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class HelpQuery(QueryForm):
    q = forms.CharField(required=False, max_length=200)


class WaitlistQuery(QueryForm):
    """?feature=shop_sync preselects the feature (a link from a page that mentions it)."""

    feature = forms.CharField(required=False, max_length=30)
