"""Item pages: the list, one item (lots, ledger, cost), create, edit, unlink from the library,
archive and restore."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.query_forms import page_number
from batchtrack.tags import clean_tag_filter
from batchtrack.view_helpers import found_or_404, show_error
from inventory import page_selectors, selectors
from inventory.forms import ItemFilterForm, ItemForm
from inventory.models import Item
from inventory.services import create_item, update_item
from library.models import LibraryItem
from library.selectors import library_item
from purchasing.selectors import supplier_choices


@permission_required("inventory.view")
def item_list(request):
    query = ItemFilterForm(request.GET).values
    search, kind, tag = query["q"], query["kind"], clean_tag_filter(query["tag"])
    low, expiring, archived = query["low"], query["expiring"], query["archived"]
    items = selectors.item_list(
        search=search,
        kind=kind or None,
        low_stock=low,
        expiring=expiring,
        archived=archived,
        tag=tag,
    )
    page = Paginator(items, page_selectors.ITEM_PAGE_SIZE).get_page(query["page"] or 1)
    # The pagination links keep the cleaned filters (never the raw query string).
    filters = {
        "q": search,
        "kind": kind,
        "tag": tag,
        "low": low,
        "expiring": expiring,
        "archived": archived,
    }
    return render(
        request,
        "inventory/item_list.html",
        {
            "page": page,
            "items": page.object_list,
            "q": search,
            "kind": kind,
            "kinds": Item.Kind.choices,
            "low": low,
            "expiring": expiring,
            "archived": archived,
            "tag": tag,
            "tags": selectors.item_tags(),
            "filter_query": urlencode(
                {key: "1" if value is True else value for key, value in filters.items() if value}
            ),
            "filtered": bool(search or kind or tag or low or expiring),
        },
    )


@permission_required("inventory.view")
def item_detail(request, pk: int):
    item = found_or_404(selectors.item_detail, "item", item_id=pk)
    now = timezone.now()
    soon = now + timedelta(days=selectors.preferences().expiring_soon_days)
    lots = [(lot, page_selectors.lot_status(lot, now=now, soon=soon)) for lot in item.open_lots]
    ledger_page, ledger_rows = page_selectors.ledger_rows(item=item, page=page_number(request.GET))
    source = None
    if item.library_item_id is not None:
        try:
            source = library_item(item.library_item_id, include_inactive=True)
        except LibraryItem.DoesNotExist:
            source = None
    return render(
        request,
        "inventory/item_detail.html",
        {
            "item": item,
            "lots": lots,
            "ledger_page": ledger_page,
            "ledger_rows": ledger_rows,
            "average_cost": item.average_cost,
            "library_source": source,
            # The item's own (copied when added or linked), else what its entry says (items linked
            # before items kept their own).
            "inci": item.inci_name or (source.inci_name if source else ""),
            "allergens": item.allergens or (list(source.allergens) if source else []),
        },
    )


@permission_required("inventory.edit")
def item_create(request):
    form = ItemForm(request.POST or None, suppliers=supplier_choices())
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(organization=request.tenant, **form.service_kwargs())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{item.name} is added. Receive stock when it arrives.")
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/item_form.html", _form_context(form, None))


@permission_required("inventory.edit")
def item_edit(request, pk: int):
    item = found_or_404(selectors.plain_item, "item", pk)
    form = ItemForm(
        request.POST or None,
        initial=ItemForm.initial_for(item),
        linked=item.is_linked,
        stock_unit_locked=page_selectors.item_has_history(item),
        suppliers=supplier_choices(keep=item.usual_supplier_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_item(item=item, organization=request.tenant, **form.service_kwargs())
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['name']} is saved.")
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/item_form.html", _form_context(form, item))


def _form_context(form: ItemForm, item) -> dict:
    return {"form": form, "item": item, "unit_options": page_selectors.unit_options()}


@require_POST
@permission_required("inventory.edit")
def item_unlink(request, pk: int):
    item = found_or_404(selectors.plain_item, "item", pk)
    try:
        update_item(item=item, library_item_id=None)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{item.name} is no longer linked to the ingredient library; its name, kind and density "
            f"are yours to edit.",
        )
    return redirect("inventory:edit", pk=item.pk)


def _set_archived(request, pk: int, archived: bool):
    item = found_or_404(selectors.plain_item, "item", pk)
    try:
        update_item(item=item, organization=request.tenant, is_archived=archived)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if archived:
            messages.success(request, f"{item.name} is archived. Its history stays readable.")
        else:
            messages.success(request, f"{item.name} is back in the item list.")
    return redirect("inventory:detail", pk=item.pk)


@require_POST
@permission_required("inventory.edit")
def item_archive(request, pk: int):
    return _set_archived(request, pk, True)


@require_POST
@permission_required("inventory.edit")
def item_restore(request, pk: int):
    return _set_archived(request, pk, False)
