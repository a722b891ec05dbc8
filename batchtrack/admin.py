"""The Organization admin with billing's columns and actions: tenants' admin and billing's mixin,
put together here so that neither app imports the other. Runs after both apps' admin modules
(batchtrack comes after them in INSTALLED_APPS)."""

from __future__ import annotations

from django.contrib import admin

from billing.admin import OrganizationBillingAdminMixin
from tenants.admin import OrganizationAdmin
from tenants.models import Organization


class OrganizationWithBillingAdmin(OrganizationBillingAdminMixin, OrganizationAdmin):
    pass


admin.site.unregister(Organization)
admin.site.register(Organization, OrganizationWithBillingAdmin)
