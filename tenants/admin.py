"""Platform staff admin (public host only): organizations, users, memberships."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django_tenants.utils import get_public_schema_name

from tenants.audit import action_label
from tenants.models import AuditEvent, Domain, Invitation, Membership, Organization, User
from tenants.services.organizations import reactivate_organization, suspend_organization


class ReadOnlyInline(admin.TabularInline):
    """Memberships change only through tenants.services.memberships (last-owner rule and all)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = fields


class UserMembershipInline(ReadOnlyInline):
    model = Membership
    fields = ["organization", "role", "created_at"]
    readonly_fields = fields


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ["domain", "is_primary"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Billing's columns and actions are added by the project (batchtrack/admin.py)."""

    list_display = ["name", "slug", "status", "member_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "email"]
    readonly_fields = ["schema_name", "slug", "created_at"]
    fields = [
        "name",
        "slug",
        "schema_name",
        "status",
        "suspended_reason",
        "time_zone",
        "email",
        "created_at",
    ]
    inlines = [MembershipInline, DomainInline]
    actions = ["suspend", "reactivate"]

    def get_queryset(self, request):
        # The public schema's row (the public site itself) is not a workspace.
        return (
            super()
            .get_queryset(request)
            .exclude(schema_name=get_public_schema_name())
            .annotate(_member_count=Count("memberships"))
        )

    @admin.display(description="Members", ordering="_member_count")
    def member_count(self, obj: Organization) -> int:
        return obj._member_count

    def has_add_permission(self, request) -> bool:
        # Workspaces are created by signup (which provisions the schema), not by hand.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Suspend selected organizations")
    def suspend(self, request, queryset):
        for org in queryset:
            suspend_organization(
                organization=org,
                reason=f"Suspended by {request.user.email}",
                actor=request.user,
            )
        self.message_user(
            request, f"Suspended {queryset.count()} organization(s).", messages.WARNING
        )

    @admin.action(description="Reactivate selected organizations")
    def reactivate(self, request, queryset):
        for org in queryset:
            reactivate_organization(organization=org, actor=request.user)
        self.message_user(
            request, f"Reactivated {queryset.count()} organization(s).", messages.SUCCESS
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "time_zone")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [UserMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name", "organization__slug"]
    list_select_related = ["user", "organization"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organization",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    search_fields = ["email", "organization__name"]
    list_select_related = ["organization"]
    readonly_fields = ["token_hash"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit rows are written by tenants.audit.record_audit and never changed."""

    list_display = ["created_at", "organization", "actor_email", "action", "target"]
    list_filter = ["action"]
    search_fields = ["organization__name", "organization__slug", "actor_email", "target"]
    list_select_related = ["organization"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "organization",
        "actor_email",
        "action",
        "description",
        "target",
        "details",
    ]
    readonly_fields = fields

    @admin.display(description="What happened")
    def description(self, obj: AuditEvent) -> str:
        return action_label(obj.action)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
