"""The global ingredient library from a workspace: search it (htmx), tick several entries and add
them in one go, or pick one and add it with options; the search also shows the items the workspace
already has, so nothing is added twice. An existing item can be linked to an entry."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import selectors
from inventory.forms import LibraryItemForm, LibraryLinkForm, LibraryPickForm, LibrarySearchForm
from inventory.services import add_from_library, create_item, library_values, link_to_library
from library.models import LibraryItem
from library.selectors import (
    library_item,
    library_items,
    library_items_by_id,
    library_items_like,
)

RESULTS_SHOWN = 30
YOURS_SHOWN = 5


def _results(query: dict) -> dict:
    """The library entries matching the search (ticked ones first) and the workspace's own items
    that match it, each entry flagged with the item the workspace already has for it."""
    search, kind, ticked = query["q"], query["kind"], query["entry"] or []
    chosen = library_items_by_id(ticked)
    found = [
        entry
        for entry in library_items(search, kind or None)[: RESULTS_SHOWN + 1]
        if entry.pk not in ticked
    ]
    entries = [*chosen, *found[:RESULTS_SHOWN]]
    yours = selectors.library_entries_had(
        [entry.pk for entry in entries], [e.name for e in entries]
    )
    return {
        "results": [(entry, yours.get(entry.pk), entry.pk in ticked) for entry in entries],
        "more": len(found) > RESULTS_SHOWN,
        "your_items": selectors.items_matching(search, limit=YOURS_SHOWN) if search else [],
        "q": search,
        "kind": kind,
        "kinds": LibraryItem.Kind.choices,
    }


@permission_required("inventory.edit")
def library_search(request):
    """The search page; htmx requests get only the results."""
    template = (
        "inventory/partials/library_results.html"
        if request.htmx and not request.htmx.history_restore_request
        else "inventory/library_search.html"
    )
    return render(request, template, _results(LibrarySearchForm(request.GET).values))


@require_POST
@permission_required("inventory.edit")
def library_add_many(request):
    """Add every ticked entry in one go (all or none); on a refusal, back to the page with the
    entries still ticked and the reason."""
    form = LibraryPickForm(request.POST)
    ids = form.cleaned_data["entry"] if form.is_valid() else []
    try:
        if not form.is_valid():
            raise DomainError("Choose items from the library list.")
        added = add_from_library(organization=request.tenant, library_item_ids=ids)
    except DomainError as exc:
        messages.error(request, exc.message)
        query = urlencode({"q": request.POST.get("q", "")[:100], "entry": ids}, doseq=True)
        return redirect(f"{reverse('inventory:library')}?{query}")
    names = [item.name for item in added]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    added_text = f"{listed} {'is' if len(names) == 1 else 'are'} added."
    first = selectors.next_to_receive(among=[item.pk for item in added])
    if first is None:
        messages.success(request, f"{added_text} Receive stock next.")
    else:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">Receive {}</a> next.',
                added_text,
                reverse("inventory:receive", args=[first.pk]),
                first.name,
            ),
        )
    return redirect("inventory:list")


@permission_required("inventory.edit")
def library_add(request, library_pk: int):
    source = found_or_404(library_item, "library item", library_pk)
    initial = {
        "stock_unit": source.default_unit,
        "category": source.get_category_display(),
        "shelf_life_days": source.shelf_life_days,
    }
    form = LibraryItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(
                organization=request.tenant,
                **{**library_values(source), **form.item_values(form.cleaned_data)},
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request, f"{item.name} is added from the ingredient library. Receive stock next."
            )
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/library_add.html", {"source": source, "form": form})


@permission_required("inventory.edit")
def item_link(request, pk: int):
    """Link an item to a library entry: the entries matching its name (or a search), each with a
    button that links it."""
    item = found_or_404(selectors.plain_item, "item", pk)
    if request.method == "POST":
        form = LibraryLinkForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError("Choose an entry from the library list.")
            link_to_library(
                item=item, organization=request.tenant, library_item_id=form.cleaned_data["entry"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{item.name} is linked to the ingredient library and took its density, INCI "
                f"name, shelf life and allergens.",
            )
            return redirect("inventory:detail", pk=item.pk)
    search = LibrarySearchForm(request.GET).values["q"]
    found = (
        list(library_items(search, None)[:RESULTS_SHOWN])
        if search
        else library_items_like(item.name, limit=RESULTS_SHOWN)
    )
    return render(
        request, "inventory/item_link.html", {"item": item, "q": search, "results": found}
    )
