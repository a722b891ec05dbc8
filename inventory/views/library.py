"""Adding an item from the global ingredient library: search it (htmx), pick one, and create a
workspace item that copies its identity and stays linked (name, kind and density locked until
unlinked)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import selectors
from inventory.forms import LibraryItemForm, LibrarySearchForm
from inventory.services import create_item
from library.models import LibraryItem
from library.selectors import library_item, library_items

RESULTS_SHOWN = 30


def _results(request) -> dict:
    query = LibrarySearchForm(request.GET).values
    search, kind = query["q"], query["kind"]
    found = list(library_items(search, kind or None)[: RESULTS_SHOWN + 1])
    linked = selectors.linked_library_ids([entry.pk for entry in found])
    return {
        "results": [(entry, entry.pk in linked) for entry in found[:RESULTS_SHOWN]],
        "more": len(found) > RESULTS_SHOWN,
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
    return render(request, template, _results(request))


@permission_required("inventory.edit")
def library_add(request, library_pk: int):
    source = found_or_404(library_item, "library item", library_pk)
    identity = source.identity()
    initial = {
        "stock_unit": identity["default_unit"],
        "category": source.get_category_display(),
        "shelf_life_days": identity["shelf_life_days"],
    }
    form = LibraryItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(
                organization=request.tenant,
                name=identity["name"],
                kind=identity["kind"],
                density_g_per_ml=identity["density_g_per_ml"],
                library_item_id=source.pk,
                **form.item_values(form.cleaned_data),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request, f"{item.name} is added from the ingredient library. Receive stock next."
            )
            return redirect("inventory:detail", pk=item.pk)
    return render(request, "inventory/library_add.html", {"source": source, "form": form})
