"""Purchase receipts: the list, recording a delivery (several lines, shipping, tax and fees shared
into the lots' costs) and a receipt's page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required
from batchtrack.money import format_money
from batchtrack.view_helpers import found_or_404, show_error
from inventory import page_selectors
from inventory.models import Item
from purchasing import selectors
from purchasing.errors import PurchasingError, ReceiptRefused
from purchasing.forms import (
    DEFAULT_LINES,
    ReceiptFilterForm,
    ReceiptForm,
    ReceiptLineFormSet,
    ReceiptStartForm,
)
from purchasing.services import record_receipt


@permission_required("purchasing.view")
def receipt_list(request):
    page = selectors.receipt_page(page=ReceiptFilterForm(request.GET).values["page"] or 1)
    return render(request, "purchasing/receipt_list.html", {"page": page})


def _receivable_items() -> list[Item]:
    return list(Item.objects.filter(is_archived=False, is_tracked=True).order_by("name", "id"))


@permission_required("inventory.receive")
def receipt_create(request):
    """Record a delivery. Problems come back on the form: a line's on that line, the rest on top."""
    suppliers = selectors.active_suppliers()
    items = _receivable_items()
    data = request.POST if request.method == "POST" else None
    start = ReceiptStartForm(request.GET).values
    form = ReceiptForm(data, suppliers=suppliers, supplier=start["supplier"])
    count = start["lines"] or DEFAULT_LINES
    lines = ReceiptLineFormSet(
        data,
        prefix="line",
        form_kwargs={"items": items},
        initial=[{} for _ in range(count)] if data is None else None,
    )
    if data is not None and form.is_valid() and lines.is_valid():
        kept = [(number, line) for number, line in enumerate(lines, start=1) if not line.is_blank]
        try:
            receipt = record_receipt(
                lines=[line.line() for _, line in kept],
                actor_id=request.user.pk,
                **form.service_kwargs(),
            )
        except ReceiptRefused as exc:
            _show_problems(form, kept, exc)
        except PurchasingError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request,
                f"Received {len(kept)} item{'s' if len(kept) != 1 else ''} from "
                f"{receipt.supplier.name}: {format_money(receipt.total)} in all.",
            )
            return redirect("purchasing:receipt", pk=receipt.pk)
    context = {
        "form": form,
        "lines": lines,
        "has_suppliers": bool(suppliers),
        "unit_options": page_selectors.unit_options(),
    }
    status = 400 if data is not None else 200
    return render(request, "purchasing/receipt_form.html", context, status=status)


# A service's field name -> the line form's.
_LINE_FIELDS = {"total_cost": "cost", "unit_cost": "cost", "expires_at": "expires_on"}


def _show_problems(form, kept, refusal: ReceiptRefused) -> None:
    """Put each problem on its line's form (numbered as the maker sees them), else on top."""
    for problem in refusal.problems:
        if problem.line == 0:
            form.add_error(None, problem.text)
            continue
        number, line = kept[problem.line - 1]
        field = _LINE_FIELDS.get(problem.field or "", problem.field)
        line.add_error(field if field in line.fields else None, problem.message)
        form.add_error(None, f"Row {number}: {problem.message}")


@permission_required("purchasing.view")
def receipt_detail(request, pk: int):
    receipt = found_or_404(selectors.receipt, "receipt", pk)
    return render(request, "purchasing/receipt_detail.html", {"receipt": receipt})
