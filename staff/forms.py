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
    """Staff: which workspace (its web address), whom to view it as, and (without the owner's
    grant) why. Typed rather than picked from lists, which would hold every workspace and user."""

    organization = forms.SlugField(label="Workspace web address (slug)", max_length=40)
    member = forms.EmailField(label="View as (member's email)")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required without the owner's grant (break-glass); shown to the owner.",
    )

    def clean_organization(self) -> Organization:
        slug = self.cleaned_data["organization"]
        organization = Organization.objects.filter(slug=slug).exclude(schema_name="public").first()
        if organization is None:
            raise forms.ValidationError(f"There is no workspace at {slug}.")
        return organization

    def clean_member(self) -> User:
        email = self.cleaned_data["member"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(f"There is no account for {email}.")
        return user
