"""Find anything: the navigation's search over a workspace's items, recipes, batches, products (and
their codes), suppliers and lots (our codes, L123, and suppliers' lot codes), typo tolerant.

One query per kind, each cut to PER_KIND + 1 rows (batchtrack.search's matching, served by the
trigram indexes of workspace's 0003 migration); kinds the member may not see are not queried. The
workspace's schema is active, so nothing here crosses workspaces.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone

from batches.models import Batch
from batchtrack.search import matching, normalized
from inventory import units
from inventory.models import Lot
from inventory.selectors import items_matching
from products.models import Product, Sku
from purchasing.models import Supplier
from recipes.models import Recipe

PER_KIND = 5
CODES_SHOWN = 4


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""
    # Further links under the hit (a product's codes, each to its own page).
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    hits: list[Hit]
    more: bool = False
    # Where to see every match (the kind's own list, filtered), when it has one.
    more_url: str = ""


@dataclass(frozen=True)
class SearchResults:
    query: str
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def _date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


def _items(query: str) -> tuple[list[Hit], bool]:
    found = items_matching(query, limit=PER_KIND + 1)
    hits = [
        Hit(
            item.name,
            reverse("inventory:detail", args=[item.pk]),
            f"{item.get_kind_display()} · "
            + (
                f"{units.format_amount(item.on_hand)} {item.stock_unit} in stock"
                if item.is_tracked
                else "stock not tracked"
            ),
        )
        for item in found
    ]
    return hits, len(found) > PER_KIND


def _recipes(query: str) -> tuple[list[Hit], bool]:
    found = list(
        matching(Recipe.objects.filter(is_archived=False), query, similar=["name"]).order_by(
            "-score", "name", "id"
        )[: PER_KIND + 1]
    )
    hits = [
        Hit(recipe.name, reverse("recipes:detail", args=[recipe.pk]), recipe.get_category_display())
        for recipe in found
    ]
    return hits, len(found) > PER_KIND


def _batches(query: str) -> tuple[list[Hit], bool]:
    found = list(
        matching(Batch.objects.all(), query, similar=["recipe_name"], codes=["code"]).order_by(
            "-score", "-id"
        )[: PER_KIND + 1]
    )
    hits = [
        Hit(
            f"{batch.display_code} · {batch.recipe_name}",
            reverse("batches:detail", args=[batch.pk]),
            " · ".join(
                part for part in (batch.get_status_display(), _date(batch.started_at)) if part
            ),
        )
        for batch in found
    ]
    return hits, len(found) > PER_KIND


def _products(query: str) -> tuple[list[Hit], bool]:
    """Products named like the query or with a live code containing it, with their live codes."""
    live = Q(skus__is_archived=False)
    by_code = Sku.objects.filter(
        product=OuterRef("pk"), is_archived=False, code__icontains=normalized(query)
    )
    found = list(
        matching(
            Product.objects.filter(is_archived=False), query, similar=["name"], also=Exists(by_code)
        )
        .annotate(
            sku_ids=ArrayAgg("skus__pk", filter=live, order_by="skus__code", default=None),
            sku_codes=ArrayAgg("skus__code", filter=live, order_by="skus__code", default=None),
        )
        .order_by("-score", "name", "id")[: PER_KIND + 1]
    )
    hits = []
    for product in found[:PER_KIND]:
        codes = list(zip(product.sku_ids or [], product.sku_codes or [], strict=True))[:CODES_SHOWN]
        hits.append(
            Hit(
                product.name,
                reverse("products:detail", args=[product.pk]),
                product.category,
                [(code, reverse("products:sku", args=[pk])) for pk, code in codes],
            )
        )
    return hits, len(found) > PER_KIND


def _suppliers(query: str) -> tuple[list[Hit], bool]:
    found = list(
        matching(
            Supplier.objects.filter(is_archived=False),
            query,
            similar=["name"],
            words=["contact_name"],
        ).order_by("-score", "name", "id")[: PER_KIND + 1]
    )
    hits = [
        Hit(
            supplier.name, reverse("purchasing:supplier", args=[supplier.pk]), supplier.contact_name
        )
        for supplier in found
    ]
    return hits, len(found) > PER_KIND


def _lots(query: str) -> tuple[list[Hit], bool]:
    """Lots by our code (exactly) or their supplier's lot code (containing the query)."""
    query = normalized(query)
    if not query:
        return [], False
    condition = Q(supplier_lot_code__icontains=query)
    lot_id = Lot.id_from_code(query)
    if lot_id is not None:
        condition |= Q(pk=lot_id)
    found = list(
        Lot.objects.filter(condition)
        .select_related("item")
        .order_by("-received_at", "-id")[: PER_KIND + 1]
    )
    hits = [
        Hit(
            f"{lot.code} · {lot.item.name}",
            reverse("trace:lot", args=[lot.pk]),
            " · ".join(
                part
                for part in (
                    f"supplier's lot {lot.supplier_lot_code}" if lot.supplier_lot_code else "",
                    lot.supplier,
                    f"received {_date(lot.received_at)}",
                )
                if part
            ),
        )
        for lot in found
    ]
    return hits, len(found) > PER_KIND


# (kind, heading, permission needed to see it, finder, the kind's own list for "see all").
KINDS: list[tuple[str, str, str, Callable[[str], tuple[list[Hit], bool]], str]] = [
    ("items", "Items", "inventory.view", _items, "inventory:list"),
    ("recipes", "Recipes", "recipes.view", _recipes, "recipes:list"),
    ("batches", "Batches", "batches.view", _batches, "batches:list"),
    ("products", "Products", "products.view", _products, "products:list"),
    ("suppliers", "Suppliers", "purchasing.view", _suppliers, "purchasing:suppliers"),
    ("lots", "Lots (deliveries and batches)", "batches.view", _lots, ""),
]


def find_anything(query: str, *, allowed: Collection[str]) -> SearchResults:
    """Every kind the member may see (`allowed` holds the permissions they have) searched for
    `query`; only kinds with matches are returned, in KINDS' order. One query per kind searched;
    none when the query is too short."""
    query = normalized(query)
    groups: list[Group] = []
    if not query:
        return SearchResults(query, groups)
    for kind, label, permission, find, list_url in KINDS:
        if permission not in allowed:
            continue
        hits, more = find(query)
        if hits:
            groups.append(Group(kind, label, hits, more, reverse(list_url) if list_url else ""))
    return SearchResults(query, groups)
