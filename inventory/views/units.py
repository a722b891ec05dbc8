"""The units settings page: the workspace's custom units (list, create, delete) and item densities."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.query_forms import page_number
from batchtrack.view_helpers import found_or_404, show_error
from inventory import page_selectors, selectors
from inventory.forms import CustomUnitForm, DensityForm
from inventory.services import create_custom_unit, delete_custom_unit, update_item


def _page(request, form: CustomUnitForm, status: int = 200):
    return render(
        request,
        "inventory/units.html",
        {
            "custom_units": list(selectors.custom_units()),
            "form": form,
            "densities": page_selectors.density_page(page=page_number(request.GET)),
        },
        status=status,
    )


@permission_required("inventory.view")
def unit_list(request):
    return _page(request, CustomUnitForm())


@require_POST
@permission_required("inventory.edit")
def unit_create(request):
    form = CustomUnitForm(request.POST)
    if form.is_valid():
        try:
            unit = create_custom_unit(**form.service_kwargs())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"Added the unit {unit}.")
            return redirect("inventory:units")
    return _page(request, form, status=400)


@require_POST
@permission_required("inventory.edit")
def unit_delete(request, pk: int):
    unit = found_or_404(selectors.custom_units().get, "unit", pk=pk)
    delete_custom_unit(custom_unit=unit)
    messages.success(
        request, f"Removed the unit {unit.name}. Stock kept in other units is unchanged."
    )
    return redirect("inventory:units")


@require_POST
@permission_required("inventory.edit")
def density_set(request, pk: int):
    item = found_or_404(selectors.plain_item, "item", pk)
    form = DensityForm(request.POST)
    if form.is_valid():
        density = form.cleaned_data["density_g_per_ml"].strip() or None
        try:
            update_item(item=item, density_g_per_ml=density)
        except DomainError as exc:
            messages.error(request, f"{item.name}: {exc.message}")
        else:
            messages.success(request, f"Saved the density of {item.name}.")
    else:
        messages.error(request, f"{item.name}: enter the density as a number of g/ml, e.g. 0.91.")
    return redirect("inventory:units")
