"""Order pages: the list, a new order (lines by SKU), one order with its holds, fulfilment,
cancellation and returns by line.

Rights: `sales.view` reads (every role), `sales.edit` creates and holds (owner, admin, production),
`sales.fulfil` fulfils and takes returns (owner, admin, production)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required, request_can
from batchtrack.actions import perform, show_fixes
from batchtrack.errors import DomainError
from batchtrack.money import format_money
from batchtrack.view_helpers import found_or_404
from inventory import units
from sales import selectors
from sales.forms import OrderForm, OrderSearchForm, ReturnForm, line_forms
from sales.services import (
    LineInput,
    cancel_order,
    create_order,
    fulfil_order,
    hold_order,
    return_line,
)

ORDERS_SHOWN = 100


@permission_required("sales.view")
def order_list(request):
    search = OrderSearchForm(request.GET).values
    orders = list(
        selectors.order_list(status=search["status"], search=search["q"])[: ORDERS_SHOWN + 1]
    )
    return render(
        request,
        "sales/order_list.html",
        {
            "orders": orders[:ORDERS_SHOWN],
            "more": len(orders) > ORDERS_SHOWN,
            "search": search,
            "may_edit": request_can(request, "sales.edit"),
        },
    )


@permission_required("sales.edit")
def order_create(request):
    data = request.POST if request.method == "POST" else None
    form = OrderForm(data, initial={"customer": request.GET.get("customer")})
    lines = line_forms(data)
    if data is not None and form.is_valid() and all(line.is_valid() for line in lines):
        values = form.cleaned_data
        try:
            order = create_order(
                lines=[
                    LineInput(
                        sku=line.cleaned_data["sku"].pk if line.cleaned_data["sku"] else 0,
                        quantity=line.cleaned_data["quantity"],
                        unit_price=line.cleaned_data["unit_price"] or None,
                        discount=line.cleaned_data["discount"] or None,
                    )
                    for line in lines
                    if line.filled
                ],
                customer=values["customer"],
                shipping_charged=values["shipping_charged"] or None,
                marketplace_fee=values["marketplace_fee"] or None,
                note=values["note"],
                hold=values["hold"],
                actor_id=request.user.pk,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            show_fixes(request, exc)
        else:
            messages.success(request, f"Order {order.code} is saved.")
            return redirect("sales:order", pk=order.pk)
    status = 400 if data is not None else 200
    return render(request, "sales/order_form.html", {"form": form, "lines": lines}, status=status)


@permission_required("sales.view")
def order_detail(request, pk: int):
    order = found_or_404(selectors.order_detail, "order", pk)
    goods = sum((line.goods for line in order.line_rows), start=units.CENT * 0)
    return render(
        request,
        "sales/order_detail.html",
        {
            "order": order,
            "goods": goods,
            "cost": sum((line.cost for line in order.line_rows), start=units.CENT * 0),
            "return_form": ReturnForm(),
            "may_edit": request_can(request, "sales.edit"),
            "may_fulfil": request_can(request, "sales.fulfil"),
            "may_money": request_can(request, "reports.money"),
        },
    )


@permission_required("sales.view")
def line_detail(request, pk: int):
    """Where a ledger row's "Order line" reference leads: the line's order."""
    line = found_or_404(selectors.order_line, "order line", pk)
    return redirect("sales:order", pk=line.order_id)


@require_POST
@permission_required("sales.edit")
def order_hold(request, pk: int):
    order = found_or_404(selectors.order_detail, "order", pk)
    perform(
        request,
        lambda: hold_order(order=order, actor_id=request.user.pk),
        "The order's stock is held: nothing else can use it until you fulfil or cancel the order.",
    )
    return redirect("sales:order", pk=pk)


@require_POST
@permission_required("sales.fulfil")
def order_fulfil(request, pk: int):
    order = found_or_404(selectors.order_detail, "order", pk)
    perform(
        request,
        lambda: fulfil_order(order=order, actor_id=request.user.pk),
        f"Order {order.code} is fulfilled: its stock has left the shelves.",
    )
    return redirect("sales:order", pk=pk)


@require_POST
@permission_required("sales.edit")
def order_cancel(request, pk: int):
    order = found_or_404(selectors.order_detail, "order", pk)
    perform(
        request,
        lambda: cancel_order(order=order, actor_id=request.user.pk),
        f"Order {order.code} is cancelled; any stock it held is free again.",
    )
    return redirect("sales:order", pk=pk)


@require_POST
@permission_required("sales.fulfil")
def line_return(request, pk: int):
    line = found_or_404(selectors.order_line, "order line", pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter how many came back.")
        return redirect("sales:order", pk=line.order_id)
    data = form.cleaned_data
    perform(
        request,
        lambda: return_line(
            line=line,
            quantity=data["quantity"] or None,
            refund=data["refund"] or None,
            note=data["note"],
            actor_id=request.user.pk,
        ),
        lambda back: (
            f"{units.format_amount(back.quantity)} of {line.sku.code} are back on the lots they "
            f"came from; refund {format_money(back.refund)}."
        ),
    )
    return redirect("sales:order", pk=line.order_id)
