"""Reads the inventory pages need beyond `inventory.selectors`: ledger rows with their actors' emails,
lot status and the densities list. Nothing here writes.

Actors are public-schema users (a workspace schema has no user table of its own); a ledger page looks
all of its actors up in one query, never one per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from inventory import selectors, units
from inventory.models import Item, Lot, Movement

ITEM_PAGE_SIZE = 50
DENSITY_PAGE_SIZE = 50

# How ledger references read on a page: ("batch", 42) -> "Batch #42", linked to the batch.
_REFERENCE_LABELS = {
    "batch": "Batch",
    "sku_deduction": "Sale",
    "purchase_receipt": "Purchase receipt",
    "order_line": "Order line",
}
_REFERENCE_URLS = {
    "batch": "/batches/{id}/",
    "purchase_receipt": "/purchasing/receipts/{id}/",
    "order_line": "/sales/orders/lines/{id}/",
}


@dataclass(frozen=True)
class LedgerRow:
    movement: Movement
    actor_email: str | None
    reference_label: str
    reference_url: str | None


def actor_emails(user_ids: Iterable[int | None]) -> dict[int, str]:
    """Email of each given public-schema user id, in one query (none when there are no ids)."""
    from tenants.models import User

    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "email"))


def reference_label(reference_type: str, reference_id: int | None) -> tuple[str, str | None]:
    """("Batch #42", "/batches/42/") for a ledger or lot reference; ("", None) without one."""
    if not reference_type:
        return "", None
    label = _REFERENCE_LABELS.get(reference_type, reference_type.replace("_", " ").capitalize())
    if reference_id is None:
        return label, None
    url = _REFERENCE_URLS.get(reference_type)
    return f"{label} #{reference_id}", url.format(id=reference_id) if url else None


def ledger_rows(*, item: Item | int, page: int | str | None = 1) -> tuple[Page, list[LedgerRow]]:
    """One page of the item's ledger (newest first) and its rows with actor emails and references:
    three queries (count, rows, actors) whatever the page holds."""
    ledger_page = selectors.ledger_page(item=item, page=page or 1)
    movements = list(ledger_page.object_list)
    emails = actor_emails(m.actor_id for m in movements)
    rows = []
    for movement in movements:
        label, url = reference_label(movement.reference_type, movement.reference_id)
        rows.append(LedgerRow(movement, emails.get(movement.actor_id), label, url))
    return ledger_page, rows


@dataclass(frozen=True)
class LotStatus:
    code: str  # available, curing, expired, expiring
    label: str
    until: datetime | None = None


def lot_status(lot: Lot, *, now: datetime, soon: datetime) -> LotStatus:
    """Expired beats curing beats expiring soon; otherwise available."""
    if lot.is_expired(now):
        return LotStatus("expired", "Expired", lot.expires_at)
    if lot.is_curing(now):
        return LotStatus("curing", "Curing until", lot.hold_until)
    if lot.expires_at is not None and lot.expires_at <= soon:
        return LotStatus("expiring", "Expiring soon", lot.expires_at)
    return LotStatus("available", "Available")


def item_has_history(item: Item | int) -> bool:
    """Whether the item has ledger movements (its stock unit can then no longer change)."""
    return Movement.objects.filter(item=item).exists()


def unit_options() -> list[str]:
    """Every unit a quantity may be entered in: the standard units, then the workspace's own."""
    return [*units.STANDARD_UNIT_CODES, *(u.name for u in selectors.custom_units())]


def density_page(*, page: int | str | None = 1) -> Page:
    """Active tracked or untracked items with their densities, by name, one page."""
    items: QuerySet[Item] = Item.objects.filter(is_archived=False).only(
        "pk", "name", "kind", "stock_unit", "density_g_per_ml", "library_item_id"
    )
    return Paginator(items.order_by("name", "id"), DENSITY_PAGE_SIZE).get_page(page or 1)
