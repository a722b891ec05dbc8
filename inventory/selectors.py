"""Inventory reads for pages, reports and other apps. The workspace schema is already active, so nothing
here crosses tenants. Every list comes with what its page shows already annotated or prefetched: no N+1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from batchtrack.search import matching
from batchtrack.tags import tags_in_use
from inventory.lot_rules import usable_lots_q
from inventory.models import (
    CustomUnit,
    InventoryPreferences,
    Item,
    Lot,
    LotCorrection,
    Movement,
    Reservation,
)

_DECIMAL: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=6)
_MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=40, decimal_places=12)
LEDGER_PAGE_SIZE = 50


def preferences() -> InventoryPreferences:
    """The workspace's inventory preferences (defaults, unsaved, when never changed)."""
    return InventoryPreferences.objects.filter(pk=1).first() or InventoryPreferences()


def _open_lots() -> QuerySet[Lot]:
    return Lot.objects.filter(item=OuterRef("pk"), quantity_remaining__gt=0)


def _sum_subquery(
    queryset: QuerySet[Lot] | QuerySet[Movement], expression, output_field
) -> Coalesce:
    summed = queryset.order_by().values("item").annotate(total=Sum(expression)).values("total")
    return Coalesce(
        Subquery(summed, output_field=output_field), Value(Decimal("0")), output_field=output_field
    )


def _with_stock_flags(queryset: QuerySet[Item], *, now: datetime, soon: datetime) -> QuerySet[Item]:
    """Annotate what the list and detail pages show:

    - is_low: tracked, a threshold is set and on hand minus reserved is under it;
    - has_expired / expiring_soon: an open lot has expired / expires before `soon`;
    - usable: stock production could use (not expired, not curing), reservations not deducted.
    """
    open_lots = _open_lots()
    usable = open_lots.filter(usable_lots_q(now))
    return queryset.annotate(
        is_low=ExpressionWrapper(
            Q(is_tracked=True, low_stock_threshold__gt=0)
            & Q(on_hand__lt=F("low_stock_threshold") + F("reserved")),
            output_field=BooleanField(),
        ),
        has_expired=Exists(open_lots.filter(expires_at__lte=now)),
        expiring_soon=Exists(open_lots.filter(expires_at__gt=now, expires_at__lte=soon)),
        usable=_sum_subquery(usable, F("quantity_remaining"), _DECIMAL),
    )


def item_list(
    *,
    search: str = "",
    kind: str | None = None,
    low_stock: bool = False,
    expiring: bool = False,
    archived: bool = False,
    tag: str = "",
    expiring_within_days: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Item]:
    """Items by name, with is_low, has_expired, expiring_soon and usable annotated (stock_value is a
    column).

    `search` matches name or category (case-insensitive); `kind` one Item.Kind; `low_stock` keeps
    low items only; `expiring` keeps items with expired or soon-expiring lots; `archived` lists the
    archive instead of active items; `tag` keeps items with that tag (batchtrack.tags' form). Paginate it (`Paginator`): annotations are computed per page row.
    The expiring window is the workspace preference unless given (one extra query then).
    """
    now = now or timezone.now()
    days = (
        expiring_within_days
        if expiring_within_days is not None
        else preferences().expiring_soon_days
    )
    queryset = _with_stock_flags(
        Item.objects.filter(is_archived=archived), now=now, soon=now + timedelta(days=days)
    )
    search = " ".join((search or "").split())
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(category__icontains=search))
    if kind:
        queryset = queryset.filter(kind=kind)
    if tag:
        queryset = queryset.filter(tags__contains=[tag])
    if low_stock:
        # is_low is _with_stock_flags' annotation, which the stubs cannot see through QuerySet[Item].
        queryset = queryset.filter(is_low=True)  # type: ignore[misc]
    if expiring:
        queryset = queryset.filter(Q(has_expired=True) | Q(expiring_soon=True))
    return queryset.order_by("name", "id")


def item_detail(*, item_id: int, now: datetime | None = None) -> Item:
    """One item with the list's annotations, its usual supplier and `open_lots` (FIFO order)
    prefetched.

    Raises Item.DoesNotExist (a view turns it into a 404)."""
    now = now or timezone.now()
    days = preferences().expiring_soon_days
    queryset = _with_stock_flags(
        Item.objects.select_related("usual_supplier"), now=now, soon=now + timedelta(days=days)
    )
    return queryset.prefetch_related(
        Prefetch(
            "lots",
            queryset=Lot.objects.filter(quantity_remaining__gt=0).order_by("received_at", "id"),
            to_attr="open_lots",
        )
    ).get(pk=item_id)


def next_to_receive(*, among: Iterable[int] | None = None) -> Item | None:
    """The first item (by name) a maker has added but never stocked: what "Receive ... next" offers
    after adding items or receiving one. `among` limits it to some items (those just added)."""
    items = Item.objects.filter(
        is_archived=False,
        is_tracked=True,
        on_hand=0,
        kind__in=[Item.Kind.INGREDIENT, Item.Kind.PACKAGING, Item.Kind.CONTAINER],
    ).exclude(lots__isnull=False)
    if among is not None:
        items = items.filter(pk__in=list(among))
    return items.order_by(Lower("name"), "pk").first()


def plain_item(pk: int) -> Item:
    """The item row alone (no stock figures); raises Item.DoesNotExist."""
    return Item.objects.get(pk=pk)


def linked_library_ids(library_ids: Iterable[int]) -> set[int]:
    """Which of these library entries an active item of the workspace is already linked to."""
    linked = Item.objects.filter(library_item_id__in=list(library_ids), is_archived=False)
    return {pk for pk in linked.values_list("library_item_id", flat=True) if pk is not None}


def lots_for_item(*, item: Item | int, include_empty: bool = False) -> QuerySet[Lot]:
    """An item's lots in FIFO order; only those with stock left unless include_empty."""
    queryset = Lot.objects.filter(item=item)
    if not include_empty:
        queryset = queryset.filter(quantity_remaining__gt=0)
    return queryset.order_by("received_at", "id")


def lot_list(*, item_id: int | None = None, open_only: bool = False) -> QuerySet[Lot]:
    """Every lot of the workspace (or of one item), oldest first; with stock left when open_only."""
    queryset = Lot.objects.all()
    if item_id is not None:
        queryset = queryset.filter(item_id=item_id)
    if open_only:
        queryset = queryset.filter(quantity_remaining__gt=0)
    return queryset.order_by("id")


def movement_list(*, item_id: int | None = None) -> QuerySet[Movement]:
    """The workspace's ledger (or one item's), oldest first."""
    queryset = Movement.objects.all()
    if item_id is not None:
        queryset = queryset.filter(item_id=item_id)
    return queryset.order_by("id")


def lots_expiring(*, within_days: int | None = None, now: datetime | None = None) -> QuerySet[Lot]:
    """Open lots of active items that expired or expire within the window, soonest first."""
    now = now or timezone.now()
    days = within_days if within_days is not None else preferences().expiring_soon_days
    return (
        Lot.objects.filter(
            quantity_remaining__gt=0,
            expires_at__lte=now + timedelta(days=days),
            item__is_archived=False,
        )
        .select_related("item")
        .order_by("expires_at", "id")
    )


def ledger(*, item: Item | int) -> QuerySet[Movement]:
    """An item's movements, newest first."""
    return Movement.objects.filter(item=item).order_by("-id")


def ledger_page(*, item: Item | int, page: int | str = 1, per_page: int = LEDGER_PAGE_SIZE) -> Page:
    """One page of an item's ledger, newest first (out-of-range pages give the last page)."""
    return Paginator(ledger(item=item), per_page).get_page(page)


def movements_for_reference(*, reference: tuple[str, int]) -> QuerySet[Movement]:
    """Every movement recorded under a reference such as ("batch", 42), oldest first, with items."""
    ref_type, ref_id = reference
    return (
        Movement.objects.filter(reference_type=ref_type, reference_id=ref_id)
        .select_related("item", "lot")
        .order_by("id")
    )


def custom_units() -> QuerySet[CustomUnit]:
    return CustomUnit.objects.order_by("name")


def open_reservations(*, item: Item | int | None = None) -> QuerySet[Reservation]:
    queryset = Reservation.objects.filter(status=Reservation.Status.OPEN).select_related("item")
    if item is not None:
        queryset = queryset.filter(item=item)
    return queryset.order_by("created_at", "id")


@dataclass(frozen=True)
class Imbalance:
    """An item whose books disagree: quantities (on hand, lots, ledger) or money (stock value, the
    ledger's values, and under FIFO the open lots' value)."""

    item_id: int
    on_hand: Decimal
    lots_total: Decimal
    ledger_total: Decimal
    stock_value: Decimal = Decimal("0")
    ledger_value: Decimal = Decimal("0")
    lots_value: Decimal | None = None  # compared only under FIFO

    @property
    def value_drift(self) -> Decimal:
        """Stock value minus what the ledger says was paid in less charged out."""
        return self.stock_value - self.ledger_value


def ledger_imbalances() -> list[Imbalance]:
    """Items whose books do not balance (should be none; the nightly audit and the tests ask this).

    The rules, for every item: on_hand == sum of lot remainders == sum of stock-affecting ledger
    quantities; stock value == sum of stock-affecting ledger values (paid in - charged out); and under
    FIFO the stock value == sum of the open lots' remaining x unit cost. Untracked items hold nothing.
    One query.
    """
    from inventory.services._pricing import uses_average

    fifo = not uses_average()
    lots = Lot.objects.filter(item=OuterRef("pk"))
    moves = Movement.objects.filter(item=OuterRef("pk"), affects_stock=True).order_by()
    rows = Item.objects.annotate(
        lots_total=_sum_subquery(lots, F("quantity_remaining"), _DECIMAL),
        lots_value=_sum_subquery(lots, F("quantity_remaining") * F("unit_cost"), _MONEY),
        ledger_total=_sum_subquery(moves, F("quantity"), _DECIMAL),
        ledger_value=_sum_subquery(moves, F("value"), _MONEY),
    )
    balanced = (
        Q(on_hand=F("lots_total")) & Q(on_hand=F("ledger_total")) & Q(stock_value=F("ledger_value"))
    )
    if fifo:
        balanced &= Q(stock_value=F("lots_value"))
    found = rows.exclude(balanced).values_list(
        "pk", "on_hand", "lots_total", "ledger_total", "stock_value", "ledger_value", "lots_value"
    )
    return [
        Imbalance(
            pk, on_hand, lots_total, ledger_total, value, ledger_value, lots_value if fifo else None
        )
        for pk, on_hand, lots_total, ledger_total, value, ledger_value, lots_value in found
    ]


def lot_with_item(lot_id: int) -> Lot:
    """One lot with its item and its corrections (newest first); raises Lot.DoesNotExist."""
    return (
        Lot.objects.select_related("item")
        .prefetch_related(Prefetch("corrections", LotCorrection.objects.order_by("-id")))
        .get(pk=lot_id)
    )


def item_tags() -> list[str]:
    """Every tag on an active item, alphabetically (the list's tag filter offers them)."""
    return tags_in_use(Item.objects.filter(is_archived=False))


def items_matching(query: str, *, limit: int) -> list[Item]:
    """Active items whose name (with typos), category or INCI name matches `query`
    (batchtrack.search), best first, at most `limit`."""
    found = matching(
        Item.objects.filter(is_archived=False),
        query,
        similar=["name"],
        words=["category", "inci_name"],
    )
    return list(found.order_by("-score", "name", "id")[:limit])


def items_named_like(names: Iterable[str]) -> dict[str, Item]:
    """Active items whose name is one of `names` ignoring case, keyed by the lower-cased name."""
    wanted = {name.lower() for name in names}
    if not wanted:
        return {}
    found = Item.objects.annotate(lower_name=Lower("name")).filter(
        is_archived=False, lower_name__in=wanted
    )
    return {item.name.lower(): item for item in found}


def library_entries_had(entry_ids: list[int], names: list[str]) -> dict[int, Item]:
    """For library entries (ids, and their names in the same order): the active item the workspace
    already has for each, linked to it or named the same (ignoring case), keyed by entry id."""
    if not entry_ids:
        return {}
    lowered = [name.lower() for name in names]
    items = list(
        Item.objects.annotate(lower_name=Lower("name")).filter(
            Q(library_item_id__in=entry_ids) | Q(lower_name__in=lowered), is_archived=False
        )
    )
    by_link = {item.library_item_id: item for item in items if item.library_item_id is not None}
    by_name = {item.name.lower(): item for item in items}
    had: dict[int, Item] = {}
    for pk, name in zip(entry_ids, lowered, strict=True):
        item = by_link.get(pk) or by_name.get(name)
        if item is not None:
            had[pk] = item
    return had
