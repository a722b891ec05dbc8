"""Adjusting stock: recount to a total, dispose of (spoiled, thrown away, damaged, expired), give away
(tester, gift, sample) and take back returns. One page, one form per kind of adjustment."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import page_selectors, selectors
from inventory.display import format_quantity
from inventory.forms import ADJUST_FORMS
from inventory.models import Movement
from inventory.services import adjust, found_stock_expiry


def _done_message(item, result) -> str:
    if not result.movements:
        return f"The count matches: {item.name} stays at {format_quantity(item.on_hand, item.stock_unit)}."
    label = Movement.Kind(result.kind).label
    change = format_quantity(abs(result.quantity_change), item.stock_unit)
    direction = "added" if result.quantity_change > 0 else "taken out"
    return f"{label}: {change} of {item.name} {direction}."


@permission_required("inventory.adjust")
def adjust_stock(request, pk: int):
    item = found_or_404(selectors.item_detail, "item", item_id=pk)
    lots = list(item.open_lots)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        key: form_class(
            request.POST if key == action else None,
            lots=lots,
            initial={"unit": item.stock_unit},
        )
        for key, form_class in ADJUST_FORMS.items()
    }
    posted = forms.get(action)
    if posted is not None and posted.is_valid():
        try:
            result = adjust(item=item, actor_id=request.user.pk, **posted.service_kwargs())
        except DomainError as exc:
            show_error(posted, exc)
        else:
            messages.success(request, _done_message(item, result))
            return redirect("inventory:detail", pk=item.pk)
    return render(
        request,
        "inventory/adjust.html",
        {
            "item": item,
            "forms": forms,
            "posted": action if posted is not None else None,
            "found_stock": found_stock_expiry(item, timezone.now()),
            "unit_options": page_selectors.unit_options(),
        },
    )
