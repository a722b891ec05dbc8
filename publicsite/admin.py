"""Platform staff: the waitlist (with a CSV export) and terms acceptances."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.http import HttpResponse

from publicsite.models import TermsAcceptance, WaitlistEntry


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["email", "feature", "created_at", "confirmed_at"]
    list_filter = ["feature", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "feature", "note", "created_at", "confirmed_at"]
    actions = ["export_csv"]

    def has_add_permission(self, request) -> bool:
        return False  # people join through the form, which confirms the address

    @admin.action(description="Download the selected entries as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="waitlist.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "feature", "note", "joined", "confirmed"])
        for entry in queryset.order_by("created_at"):
            writer.writerow(
                [
                    _cell(entry.email),
                    entry.feature,
                    _cell(entry.note),
                    entry.created_at.isoformat(),
                    entry.confirmed_at.isoformat() if entry.confirmed_at else "",
                ]
            )
        return response


def _cell(text: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula: make it plain text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@admin.register(TermsAcceptance)
class TermsAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "accepted_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "version", "accepted_at"]

    def has_add_permission(self, request) -> bool:
        return False
