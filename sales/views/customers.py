"""Customer pages: the list, a new customer, one customer with their orders, and editing."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required, request_can
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from sales import selectors
from sales.forms import CustomerForm, CustomerSearchForm
from sales.services import create_customer, update_customer

SHOWN = 200


@permission_required("sales.view")
def customer_list(request):
    search = CustomerSearchForm(request.GET).values["q"]
    customers = list(selectors.customer_list(search=search)[: SHOWN + 1])
    return render(
        request,
        "sales/customer_list.html",
        {
            "customers": customers[:SHOWN],
            "more": len(customers) > SHOWN,
            "q": search,
            "may_edit": request_can(request, "sales.edit"),
        },
    )


@permission_required("sales.edit")
def customer_create(request):
    form = CustomerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            customer = create_customer(**form.cleaned_data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{customer.name} is added.")
            return redirect("sales:customer", pk=customer.pk)
    return render(request, "sales/customer_form.html", {"form": form, "customer": None})


@permission_required("sales.view")
def customer_detail(request, pk: int):
    customer = found_or_404(selectors.customer_detail, "customer", pk)
    orders = list(selectors.order_list(customer=customer)[: SHOWN + 1])
    return render(
        request,
        "sales/customer_detail.html",
        {
            "customer": customer,
            "orders": orders[:SHOWN],
            "more": len(orders) > SHOWN,
            "may_edit": request_can(request, "sales.edit"),
        },
    )


@permission_required("sales.edit")
def customer_edit(request, pk: int):
    customer = found_or_404(selectors.customer_detail, "customer", pk)
    initial = {"name": customer.name, "email": customer.email, "notes": customer.notes}
    form = CustomerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_customer(customer=customer, **form.cleaned_data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "Customer saved.")
            return redirect("sales:customer", pk=pk)
    return render(request, "sales/customer_form.html", {"form": form, "customer": customer})
