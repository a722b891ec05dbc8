"""The supplier directory: list, add, a supplier's page (contact, usual items, receipts, documents)
and edit (archiving included)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required, request_can
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from purchasing import selectors
from purchasing.forms import DocumentForm, SupplierFilterForm, SupplierForm
from purchasing.services import create_supplier, update_supplier


@permission_required("purchasing.view")
def supplier_list(request):
    filters = SupplierFilterForm(request.GET).values
    suppliers = selectors.supplier_list(search=filters["q"], archived=filters["archived"])
    return render(
        request,
        "purchasing/supplier_list.html",
        {"suppliers": suppliers, "filters": filters},
    )


@permission_required("purchasing.edit")
def supplier_create(request):
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = create_supplier(**form.service_kwargs())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"Added {supplier.name} to your suppliers.")
            return redirect("purchasing:supplier", pk=supplier.pk)
    status = 400 if form.errors else 200
    return render(request, "purchasing/supplier_form.html", {"form": form}, status=status)


@permission_required("purchasing.view")
def supplier_detail(request, pk: int):
    supplier = found_or_404(selectors.supplier, "supplier", pk)
    return render(
        request,
        "purchasing/supplier_detail.html",
        {
            "supplier": supplier,
            "items": selectors.items_usually_from(supplier),
            "receipts": selectors.receipt_page(supplier=supplier).object_list[:10],
            "documents": selectors.documents_of(kind="supplier", pk=supplier.pk),
            "subject": "supplier",
            "document_form": DocumentForm() if request_can(request, "purchasing.edit") else None,
        },
    )


@permission_required("purchasing.edit")
def supplier_edit(request, pk: int):
    supplier = found_or_404(selectors.supplier, "supplier", pk)
    form = SupplierForm(
        request.POST or None, initial=SupplierForm.initial_for(supplier), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            supplier = update_supplier(supplier=supplier, **form.service_kwargs())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"Saved {supplier.name}.")
            return redirect("purchasing:supplier", pk=supplier.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "purchasing/supplier_form.html",
        {"form": form, "supplier": supplier},
        status=status,
    )
