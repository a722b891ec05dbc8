"""Platform staff admin (public host only) for the global ingredient library.

Items are deactivated, never deleted: workspace items in every tenant schema may keep a reference to
them, which a deletion here can neither see nor clean up.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.forms import SimpleArrayField
from django.template.response import TemplateResponse
from django.utils import timezone

from library.errors import InvalidSharedRecipe
from library.models import LibraryItem, SharedRecipe
from library.services import unlist_shared_recipe


class AllergenListField(SimpleArrayField):
    """Comma-separated allergens; a stray or trailing comma is ignored rather than refused."""

    def to_python(self, value):
        if isinstance(value, str):
            value = self.delimiter.join(p for p in value.split(self.delimiter) if p.strip())
        return super().to_python(value)


@admin.register(LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "inci_name",
        "kind",
        "category",
        "default_unit",
        "density_g_per_ml",
        "shelf_life_days",
        "allergen_list",
        "is_active",
    ]
    list_display_links = ["name"]
    list_filter = ["kind", "category", "is_active"]
    search_fields = ["name", "inci_name"]
    ordering = ["name"]
    list_per_page = 100
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "inci_name", "kind", "category", "is_active"]}),
        (
            "Stock defaults copied into a workspace",
            {"fields": ["default_unit", "density_g_per_ml", "shelf_life_days", "allergens"]},
        ),
        (
            "Soap making (oils and butters)",
            {"fields": ["sap_naoh", "sap_koh", "fatty_acids", "iodine_value", "ins_value"]},
        ),
        (None, {"fields": ["notes", "created_at", "updated_at"]}),
    ]
    actions = ["activate", "deactivate"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "allergens":
            kwargs["form_class"] = AllergenListField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Allergens")
    def allergen_list(self, obj: LibraryItem) -> str:
        return ", ".join(obj.allergens)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Activate selected items", permissions=["change"])
    def activate(self, request, queryset) -> None:
        count = queryset.filter(is_active=False).update(is_active=True, updated_at=timezone.now())
        self.message_user(request, f"{count} item(s) activated.", messages.SUCCESS)

    @admin.action(
        description="Deactivate selected items (hide from workspaces)", permissions=["change"]
    )
    def deactivate(self, request, queryset) -> None:
        count = queryset.filter(is_active=True).update(is_active=False, updated_at=timezone.now())
        self.message_user(request, f"{count} item(s) deactivated.", messages.SUCCESS)


class UnlistForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


@admin.register(SharedRecipe)
class SharedRecipeAdmin(admin.ModelAdmin):
    """Shared recipes are never edited here; staff unlist one (with a reason, audited)."""

    list_display = ["name", "organization", "source_version", "is_listed", "import_count"]
    list_filter = ["is_listed", "category"]
    search_fields = ["name", "organization__name"]
    actions = ["unlist"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Unlist the selected recipes (asks for the reason)")
    def unlist(self, request, queryset):
        form = UnlistForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/library/unlist.html",
                {"form": form, "recipes": queryset, "opts": self.model._meta},
            )
        done = 0
        for shared in queryset.filter(is_listed=True):
            try:
                unlist_shared_recipe(
                    shared=shared, staff_user=request.user, reason=form.cleaned_data["reason"]
                )
                done += 1
            except (InvalidSharedRecipe, PermissionError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
        self.message_user(request, f"Unlisted {done} recipe(s).", messages.SUCCESS)
        return None
