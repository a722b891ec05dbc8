"""Platform staff can see what background work is waiting and why; nothing is edited here."""

from __future__ import annotations

from django.contrib import admin

from outbox.models import OutboxMessage


class SentFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "task_name", "schema_name", "created_at", "sent_at", "attempts"]
    list_filter = [SentFilter, "task_name"]
    search_fields = ["task_name", "schema_name"]
    fields = [
        "task_name",
        "schema_name",
        "args",
        "kwargs",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
