"""Platform staff: billing columns and complimentary tiers on organizations, and the billing log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html

from batchtrack.errors import DomainError
from billing import stripe_api
from billing.forms import ComplimentaryForm
from billing.models import BillingEvent
from billing.policy import access_for
from billing.services.complimentary import end_complimentary, grant_complimentary

BILLING_FIELDS = (
    "effective_plan",
    "tier",
    "billing_status",
    "current_period_end",
    "trial_ends_at",
    "cancel_at_period_end",
    "past_due_since",
    "stripe_customer",
    "stripe_subscription_id",
    "complimentary_tier",
    "complimentary_until",
    "billing_event_at",
    "billing_event_id",
)


class OrganizationBillingAdminMixin:
    """Mixed into the Organization admin (batchtrack/admin.py). Billing fields are read-only here: they change
    only through Stripe (webhooks, reconciliation) and the complimentary-tier actions."""

    def get_list_display(self, request):
        return [
            *super().get_list_display(request),
            "effective_plan",
            "billing_status",
            "stripe_customer",
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "billing_status", "tier"]

    def get_search_fields(self, request):
        return [*super().get_search_fields(request), "stripe_customer_id"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *BILLING_FIELDS]

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), ("Billing", {"fields": BILLING_FIELDS})]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name in ("grant_complimentary", "end_complimentary"):
            action = self.get_action(name)
            if action is not None:
                actions[name] = action
        return actions

    @admin.display(description="Plan")
    def effective_plan(self, obj) -> str:
        access = access_for(obj)
        label = access.tier.name
        if access.complimentary:
            label += " (complimentary)"
        elif access.mode != "full":
            label += f" ({access.mode.replace('_', '-')})"
        return label

    @admin.display(description="Stripe customer", ordering="stripe_customer_id")
    def stripe_customer(self, obj) -> str:
        if not obj.stripe_customer_id:
            return "-"
        mode = "" if stripe_api.livemode() else "test/"
        return format_html(
            '<a href="https://dashboard.stripe.com/{}customers/{}" rel="noopener">{}</a>',
            mode,
            obj.stripe_customer_id,
            obj.stripe_customer_id,
        )

    @admin.action(description="Grant a complimentary tier to selected organizations")
    def grant_complimentary(self, request, queryset):
        form = ComplimentaryForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            granted = 0
            for organization in queryset:
                try:
                    grant_complimentary(
                        organization=organization,
                        tier=form.cleaned_data["tier"],
                        until=form.cleaned_data["until"],
                        granted_by=request.user,
                    )
                except DomainError as exc:
                    self.message_user(request, f"{organization}: {exc.message}", messages.ERROR)
                else:
                    granted += 1
            self.message_user(
                request,
                f"Granted a complimentary tier to {granted} organization(s).",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/billing/complimentary.html",
            {
                **self.admin_site.each_context(request),
                "title": "Grant a complimentary tier",
                "form": form,
                "organizations": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="End the complimentary tier of selected organizations")
    def end_complimentary(self, request, queryset):
        for organization in queryset:
            end_complimentary(organization=organization, ended_by=request.user)
        self.message_user(request, f"Ended {queryset.count()} complimentary tier(s).")


@admin.register(BillingEvent)
class BillingEventAdmin(admin.ModelAdmin):
    list_display = ["recorded_at", "organization", "event_type", "source", "outcome", "note"]
    list_filter = ["source", "outcome", "event_type"]
    search_fields = ["organization__name", "organization__slug", "stripe_event_id"]
    list_select_related = ["organization"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
