"""Adding a container: described by capacity, type, material, style and colour and named from them;
the same description again gives back the container already there (restoring an archived one)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import show_error
from inventory.container_forms import ContainerForm
from inventory.services import create_container


@permission_required("inventory.edit")
def container_create(request):
    form = ContainerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = create_container(
                organization=request.tenant,
                capacity=data["capacity"],
                capacity_unit=data["capacity_unit"],
                container_type=data["container_type"],
                material=data["material"],
                style=data["style"],
                colour=data["colour"],
                low_stock_threshold=data["low_stock_threshold"] or "0",
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{item.name} is in your inventory. Receive stock next.")
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/container_form.html", {"form": form})
