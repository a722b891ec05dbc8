from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from staff.services.support import GRANT_DAYS
from tenants.models import Organization, User


class SupportGrantForm(StyledFormMixin, forms.Form):
    days = forms.TypedChoiceField(
        label="For how long",
        choices=[(d, f"{d} day{'s' if d > 1 else ''}") for d in GRANT_DAYS],
        coerce=int,
        initial=3,
    )
    allow_changes = forms.BooleanField(
        label="Let support make changes (otherwise they can only look)", required=False
    )


class DeleteWorkspaceForm(StyledFormMixin, forms.Form):
    confirm_name = forms.CharField(label="Type the workspace's name to confirm", max_length=120)


class DeleteAccountForm(StyledFormMixin, forms.Form):
    confirm_email = forms.CharField(label="Type your email address to confirm", max_length=254)


class SupportStartForm(forms.Form):
    """Staff: whom to view the workspace as, and (without the owner's grant) why."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.exclude(schema_name="public").order_by("name")
    )
    member = forms.ModelChoiceField(queryset=User.objects.order_by("email"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required without the owner's grant (break-glass); shown to the owner.",
    )
