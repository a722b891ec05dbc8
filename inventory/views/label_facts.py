"""An item's label facts: INCI name, allergen content and IFRA maximums (labels read them)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import selectors
from inventory.label_forms import LabelFactsForm, initial_of
from inventory.services import set_label_facts


@permission_required("inventory.edit")
def label_facts(request, pk: int):
    item = found_or_404(selectors.plain_item, "item", pk)
    form = LabelFactsForm(request.POST or None, initial=initial_of(item))
    if request.method == "POST" and form.is_valid():
        try:
            set_label_facts(
                item=item,
                inci_name=form.cleaned_data["inci_name"],
                allergen_content=form.allergen_content(),
                ifra_limits=form.ifra_limits(),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"Label facts of {item.name} saved.")
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/label_facts.html", {"item": item, "form": form})
