"""The staff console in the admin: flags, the error inbox, support sessions, deletions, exports."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from batchtrack.errors import DomainError
from staff.flags import REGISTRY, flag_enabled
from staff.models import (
    ErrorGroup,
    FlagOverride,
    SupportGrant,
    SupportSession,
    WorkspaceDeletion,
    WorkspaceExport,
)
from staff.services.flags import clear_flag, set_flag
from staff.services.lifecycle import expedite_deletion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class FlagOverrideForm(forms.ModelForm):
    key = forms.ChoiceField(choices=[(k, f"{k}: {f.description}") for k, f in REGISTRY.items()])

    class Meta:
        model = FlagOverride
        fields = ["key", "organization", "enabled"]
        help_texts = {"organization": "Leave empty to set the flag for everyone."}


@admin.register(FlagOverride)
class FlagOverrideAdmin(admin.ModelAdmin):
    """Overrides are written through staff.services.flags (audited, cache cleared)."""

    form = FlagOverrideForm
    list_display = ["key", "scope", "enabled", "updated_by", "updated_at"]
    list_filter = ["key", "enabled"]
    list_select_related = ["organization", "updated_by"]
    change_list_template = "staff/admin/flag_change_list.html"

    @admin.display(description="For")
    def scope(self, obj: FlagOverride) -> str:
        return obj.organization.name if obj.organization else "Everyone"

    def changelist_view(self, request, extra_context=None):
        registry = [(flag, flag_enabled(flag.key)) for flag in REGISTRY.values()]
        return super().changelist_view(request, {**(extra_context or {}), "registry": registry})

    def save_model(self, request, obj, form, change) -> None:
        if change and ("key" in form.changed_data or "organization" in form.changed_data):
            old = FlagOverride.objects.get(pk=obj.pk)
            clear_flag(key=old.key, organization=old.organization, actor=request.user)
        saved = set_flag(
            key=obj.key, enabled=obj.enabled, organization=obj.organization, actor=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj) -> None:
        clear_flag(key=obj.key, organization=obj.organization, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ErrorGroup)
class ErrorGroupAdmin(ReadOnlyAdmin):
    list_display = [
        "exception_type",
        "location",
        "count",
        "first_seen",
        "last_seen",
        "last_workspace",
        "last_request_id",
    ]
    search_fields = ["exception_type", "location", "message", "last_request_id", "last_workspace"]
    readonly_fields = [f.name for f in ErrorGroup._meta.fields]


@admin.register(SupportSession)
class SupportSessionAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "staff_email",
        "organization",
        "member_email",
        "break_glass",
        "allow_changes",
        "expires_at",
        "ended_at",
    ]
    list_filter = ["break_glass", "allow_changes"]
    list_select_related = ["organization"]
    search_fields = ["staff_email", "member_email", "organization__name"]
    exclude = ["handoff_token_hash"]


@admin.register(SupportGrant)
class SupportGrantAdmin(ReadOnlyAdmin):
    list_display = ["organization", "granted_at", "expires_at", "allow_changes"]
    list_select_related = ["organization"]


@admin.register(WorkspaceDeletion)
class WorkspaceDeletionAdmin(ReadOnlyAdmin):
    list_display = [
        "organization_number",
        "organization",
        "requested_at",
        "purge_after",
        "subscription_canceled",
        "purged_at",
    ]
    list_select_related = ["organization"]
    actions = ["expedite"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Needed for the action; the fields themselves stay read-only.
        return request.user.is_staff

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in WorkspaceDeletion._meta.fields]

    @admin.action(description="Purge at the next run (skip the rest of the grace period)")
    def expedite(self, request, queryset):
        done = 0
        for deletion in queryset.select_related("organization"):
            try:
                expedite_deletion(deletion=deletion, staff=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, exc.message, messages.WARNING)
        self.message_user(request, f"{done} deletion(s) brought forward.", messages.SUCCESS)


@admin.register(WorkspaceExport)
class WorkspaceExportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "organization", "status", "size_bytes", "finished_at"]
    list_select_related = ["organization"]
    exclude = ["file_name"]
