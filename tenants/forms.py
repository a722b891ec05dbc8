from __future__ import annotations

import zoneinfo

from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse_lazy

from batchtrack.errors import DomainError
from batchtrack.forms import StyledFormMixin
from batchtrack.money import currency_choices, currency_from_accept_language
from batchtrack.query_forms import QueryForm, flag_field
from publicsite.legal import TERMS_VERSION, terms_versions
from publicsite.services import record_terms_acceptance
from tenants.errors import InvitationError, SlugError
from tenants.models import TIME_ZONE_CHOICES, User
from tenants.roles import Role
from tenants.services.memberships import (
    accept_invitation,
    find_invitation,
    mark_email_verified,
)
from tenants.services.provisioning import propose_slug, provision_workspace, validate_slug
from tools.services import save_waiting_tool_draft

LEGAL_VERSIONS = terms_versions()


class LoginForm(StyledFormMixin, AllauthLoginForm):
    """allauth's sign-in form, styled like sign-up's fields (same layout and components)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"


class SignupForm(StyledFormMixin, AllauthSignupForm):
    """Sign up and create a workspace, or (with an invitation token) sign up and join one."""

    organization_name = forms.CharField(
        label="Organization name",
        max_length=120,
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": "Lavender & Lye Soap Co.",
                "autocomplete": "organization",
                # As the name is typed, the server proposes the web address by its own rule
                # (tenants.services.provisioning.propose_slug; nothing is re-implemented here).
                "hx-get": reverse_lazy("check_slug"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#slug-status",
                "hx-include": "[name=slug]",
                "hx-sync": "this:replace",
            }
        ),
    )
    slug = forms.CharField(
        label="Web address",
        max_length=40,
        required=False,
        help_text="Lower-case letters, digits and hyphens; 3 to 40 characters. Leave blank to use a suggestion.",
    )
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)
    invitation = forms.CharField(required=False, widget=forms.HiddenInput)
    # The terms version the page showed; sign-up records it (publicsite.legal declares the versions).
    terms_version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms_version"].initial = TERMS_VERSION
        self.invitation_obj = None
        token = self.data.get("invitation") or self.initial.get("invitation")
        if token:
            try:
                self.invitation_obj = find_invitation(token)
            except InvitationError:
                self.invitation_obj = None
        if self.invitation_obj is not None:
            for name in ("organization_name", "slug"):
                self.fields[name].widget = forms.HiddenInput()
            self.fields["email"].initial = self.invitation_obj.email
            self.fields["email"].widget.attrs["readonly"] = True

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data.get("time_zone") or "UTC"
        return zone if zone in zoneinfo.available_timezones() else "UTC"

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("invitation")
        if token:
            try:
                invitation = find_invitation(token)
            except InvitationError as exc:
                raise forms.ValidationError(exc.message) from exc
            if (cleaned.get("email") or "").lower() != invitation.email:
                self.add_error(
                    "email",
                    f"This invitation is for {invitation.email}; sign up with that address.",
                )
            return cleaned
        name = (cleaned.get("organization_name") or "").strip()
        if not name:
            self.add_error("organization_name", "Please give your organization a name.")
            return cleaned
        slug = cleaned.get("slug") or propose_slug(name)
        try:
            cleaned["slug"] = validate_slug(slug)
        except SlugError as exc:
            self.add_error("slug", exc.message)
        return cleaned

    def validate_unique_email(self, value: str) -> str:
        # allauth hides a taken address at sign-up only when every address must be confirmed
        # before signing in; ours need not be (a new maker lands in the workspace at once), so
        # the form hides it itself: no error here, and try_save answers as for a new address.
        try:
            return super().validate_unique_email(value)
        except forms.ValidationError as exc:
            if exc.code != "email_taken":
                raise
            self.account_already_exists = True
            return value

    def try_save(self, request):
        """Create the user and their workspace (or membership) in one transaction; a failure keeps
        nothing. An address that already has an account creates nothing and is emailed instead."""
        if self.account_already_exists:
            return None, get_adapter(request).respond_to_taken_signup(
                request, self.cleaned_data["email"]
            )
        try:
            with transaction.atomic():
                user, response = super().try_save(request)
                if user is not None and self.cleaned_data.get("invitation"):
                    mark_email_verified(user=user, email=user.email)
                return user, response
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return None, render(request, "account/signup.html", {"form": self}, status=400)

    def clean_terms_version(self) -> str:
        # An older page (or none) still means the current terms: they are the ones in force now.
        version = self.cleaned_data.get("terms_version") or ""
        return version if version in LEGAL_VERSIONS else TERMS_VERSION

    def signup(self, request, user: User) -> None:
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["time_zone"])
        record_terms_acceptance(user_id=user.pk, version=self.cleaned_data["terms_version"])
        token = self.cleaned_data.get("invitation")
        if token:
            membership = accept_invitation(token=token, user=user)
            request.session["after_signup_slug"] = membership.organization.slug
            return
        organization = provision_workspace(
            name=self.cleaned_data["organization_name"],
            slug=self.cleaned_data["slug"],
            owner=user,
            time_zone=self.cleaned_data["time_zone"],
            currency=currency_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE")),
        )
        request.session["after_signup_slug"] = organization.slug
        save_waiting_tool_draft(request, organization=organization, user=user)


class InviteForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.PRODUCTION)


class RoleForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class ZoneSelect(forms.Select):
    """The list of time zones; batchtrack/timezone.js adds a search box to it (the plain list works
    without JavaScript)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-zone-search": "", **(attrs or {})}, choices)


def preselect_browser_zone(field: forms.Field) -> None:
    """Have timezone.js start the field on the browser's zone (for a zone nobody chose yet)."""
    field.widget.attrs["data-zone-preselect"] = ""


class ProfileForm(StyledFormMixin, forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=[("", "Same as the workspace")] + TIME_ZONE_CHOICES,
        required=False,
        label="Time zone",
        widget=ZoneSelect,
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "time_zone"]


class WorkspaceSettingsForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label="Workspace name",
        max_length=200,
        error_messages={"required": "Give the workspace a name."},
    )
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES,
        label="Time zone",
        help_text="Dates and times on pages, alert days, and the 7:00 digest of members who have not "
        "set a time zone of their own.",
        widget=ZoneSelect,
    )
    currency = forms.ChoiceField(
        choices=currency_choices,
        required=False,  # left out: the currency stays as it is
        label="Currency",
        help_text="Costs, prices and sales on every page are shown in it. Changing it does not "
        "convert amounts already recorded.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # UTC is what a workspace gets when its sign-up could not tell the zone: not a choice.
        if not self.is_bound and self.initial.get("time_zone") in ("", "UTC", None):
            preselect_browser_zone(self.fields["time_zone"])


class ChooserQuery(QueryForm):
    """The workspace chooser's ?choose=1: show the list even to a member of one workspace."""

    choose = flag_field()


class NextPathQuery(QueryForm):
    """Where to go after entering a workspace (?next=/path); the handoff keeps only a safe local path."""

    next = forms.CharField(required=False, max_length=2000, initial="/")


class SignedTokenQuery(QueryForm):
    """A signed token in the query string (?t= on the sign-out relay, ?ticket= on the handoff)."""

    t = forms.CharField(required=False, max_length=500)
    ticket = forms.CharField(required=False, max_length=500)


class SlugCheckQuery(QueryForm):
    """The sign-up form's live web-address check: the address typed, or the name to propose one."""

    slug = forms.CharField(required=False, max_length=200)
    organization_name = forms.CharField(required=False, max_length=200, strip=False)
