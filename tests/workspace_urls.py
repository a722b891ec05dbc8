"""Every URL of the workspace URLconf, with sample arguments, for isolation and permission sweeps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Paths that must work for anyone (sign-in ticket, sign-out relay).
OPEN_VIEWS = {"handoff", "signout", "public_batch_record"}

_SAMPLE = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


@dataclass(frozen=True)
class Route:
    """One pattern of a URLconf: its route text, its name with namespaces (`inventory:detail`; empty
    when unnamed) and its view."""

    route: str
    name: str
    view: object

    def path(self, samples: dict[str, str] | None = None) -> str:
        """The route as a path: each argument from `samples` (by argument name), else a sample value
        of its converter's type."""
        samples = samples or {}

        def value(match: re.Match) -> str:
            converter, argument = match.group(1) or "str", match.group(2)
            return str(samples.get(argument, _SAMPLE.get(converter, "x")))

        filled = re.sub(r"<(?:(\w+):)?(\w+)>", value, self.route)
        filled = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(samples.get(m.group(1), "x")), filled)
        return "/" + filled.replace("^", "").replace("$", "").lstrip("/")


# The REST API answers JSON with its own authentication (keys) and is swept by its own tests
# (tests/api/: every endpoint and role, and schemathesis over the whole schema), not these page sweeps.
API_PREFIX = "api/"


def routes(urlconf: str) -> list[Route]:
    """Every pattern of `urlconf` (included ones too, in order), but the REST API's."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if not prefix and route == API_PREFIX + "v1/":
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + route, inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else ""
                found.append(Route(prefix + route, name, pattern.callback))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def workspace_urls() -> list[tuple[str, object]]:
    """(path, view callable) for every pattern in the workspace URLconf."""
    return [(route.path(), route.view) for route in routes("batchtrack.urls_tenant")]


def protected_workspace_urls() -> list[tuple[str, object]]:
    return [(path, view) for path, view in workspace_urls() if view.__name__ not in OPEN_VIEWS]


def sample_rows(organization) -> dict[str, dict[str, int | str]]:
    """URL arguments, by route name, that name real rows of `organization`'s schema, so a sweep reaches
    each view itself rather than its 404. Builds one of everything (through the services, as a maker
    would): stock, a recipe with a draft, a planned and a running batch, timers, a product with a SKU,
    a hold, a gift, an order with a customer and a quick sale, a custom unit, a low-stock alert, and a supplier with a delivery and a
    document. Nothing here belongs to one user, so the
    rows can be built once and shared; `member_rows` adds the rows that name the requesting member."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from batches.models import Batch
    from batches.services import pause_timer, plan_batch, start_batch, start_timer
    from inventory.services import create_custom_unit
    from notifications.services import scan_low_stock
    from products.models import Deduction
    from products.services import create_product, create_sku, deduct, hold
    from recipes.services import content_of, save_draft
    from sales.services import LineInput, create_customer, create_order, record_sale
    from tests.recipes.factories import make_item, make_recipe, stock

    with tenant_context(organization):
        oil = make_item("Sample olive oil")
        lot = stock(oil, "5000", "0.01")
        cured = stock(oil, "10", "0.01", hold_until=timezone.now() + timedelta(days=28))
        scoop = create_custom_unit(name="sample scoop", quantity="2", unit="tbsp")
        recipe = make_recipe("Sample soap", [(oil, "100", "g")])
        published = recipe.current_version
        draft = save_draft(recipe=recipe, content=content_of(published))
        planned = plan_batch(version=published)
        running = start_batch(batch=plan_batch(version=published))
        timer = start_timer(batch=running, name="Gel", duration=timedelta(hours=1))
        paused = pause_timer(timer=start_timer(batch=running, name="Cure", duration=timedelta(1)))
        product = create_product(name="Sample bar")
        sku = create_sku(product=product, price="5")
        stock(sku.item, "20", "1", unit=sku.item.stock_unit)
        held = hold(sku=sku, quantity="1", note="Order 1")
        gift = deduct(sku=sku, kind=Deduction.Kind.GIFT, quantity="1")
        customer = create_customer(name="Sample customer")
        order = create_order(customer=customer, lines=[LineInput(sku=sku, quantity="1")])
        shipped = record_sale(sku=sku, quantity="2")
        make_item("Sample lye", low_stock_threshold=100)  # none in stock: a low-stock alert
        scan_low_stock(now=timezone.now())
        purchasing = purchasing_arguments()
    assert planned.status == Batch.Status.PLANNED and running.status == Batch.Status.IN_PROGRESS
    item, batch = {"pk": oil.pk}, {"pk": running.pk}
    return {
        **{f"inventory:{name}": item for name in ("detail", "edit", "unlink", "link", "archive")},
        **{f"inventory:{name}": item for name in ("restore", "receive", "receive_preview")},
        "inventory:adjust": item,
        "inventory:label_facts": item,
        "inventory:unit_delete": {"pk": scoop.pk},
        "inventory:density_set": item,
        "inventory:lot_correct": {"lot_id": lot.pk},
        "inventory:lot_release": {"lot_id": cured.pk},
        **{
            f"recipes:{name}": {"pk": recipe.pk}
            for name in (
                "detail",
                "edit",
                "settings",
                "variation",
                "archive",
                "restore",
                "duplicate",
            )
        },
        "recipes:publish": {"pk": recipe.pk, "version_id": draft.pk},
        "recipes:discard": {"pk": recipe.pk, "version_id": draft.pk},
        "batches:plan": {"version_id": published.pk},
        "library:share": {"recipe_pk": recipe.pk},
        "batches:timer_pause": {"timer_id": timer.pk},
        "batches:timer_resume": {"timer_id": paused.pk},
        "batches:timer_complete": {"timer_id": timer.pk},
        "batches:start": {"pk": planned.pk},
        "batches:containers": {"pk": planned.pk},
        **{
            f"batches:{name}": batch
            for name in ("detail", "record", "finish", "cancel", "fail", "extra", "note", "label")
        },
        "batches:timer_start": batch,
        "batches:label_pdf": batch,
        "trace:lot": {"lot_id": lot.pk},
        **{
            f"products:{name}": {"pk": product.pk}
            for name in ("detail", "edit", "variant_add", "size_add", "sku_create")
        },
        **{f"products:{name}": {"pk": sku.pk} for name in ("sku", "sku_edit", "sku_deduct")},
        "products:sku_hold": {"pk": sku.pk},
        "products:hold_sell": {"pk": held.pk},
        "products:hold_release": {"pk": held.pk},
        "products:sale_return": {"pk": gift.pk},  # refused: only a sale comes back
        **{f"sales:{name}": {"pk": order.pk} for name in ("order", "order_hold", "order_cancel")},
        "sales:order_fulfil": {"pk": order.pk},
        **{f"sales:{name}": {"pk": shipped.pk} for name in ("line", "line_return")},
        **{f"sales:{name}": {"pk": customer.pk} for name in ("customer", "customer_edit")},
        "sales:report_year_end_detail": {"year": 2030, "group": "sold"},
        "guide:size": {"recipe_pk": recipe.pk},
        "products:recipe_product": {"recipe_pk": recipe.pk},
        **{f"guide:{name}": {"pk": planned.pk} for name in ("check", "confirm", "discard")},
        **{
            f"guide:{name}": batch
            for name in ("started", "undo", "finish", "finish_cost", "finish_where")
        },
        "guide:finish_confirm": batch,
        "guide:receive_for_batch": {"pk": planned.pk, "item_pk": oil.pk},
        "charts:item_stock": item,
        "charts:recipe_costs": {"pk": recipe.pk},
        **purchasing,
    }


def member_rows(organization, user, route: str) -> dict[str, dict[str, int | str]]:
    """URL arguments for `route` when it names a row that belongs to `user` or lives in the public
    schema (a library entry, another member, an invitation, an export, an import, a sample-data job,
    a notification of the alert `sample_rows` raised); only that row is built."""
    from django_tenants.utils import tenant_context

    builder = _MEMBER_ROWS.get(route)
    if builder is None:
        return {}
    with tenant_context(organization):
        return {route: builder(organization, user)}


def _library_entry(organization, user) -> dict[str, int | str]:
    from library.models import LibraryItem

    entry = LibraryItem.objects.create(name="Sample shea butter", kind="ingredient", category="oil")
    return {"library_pk": entry.pk}


def tiny_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _shared_recipe(organization, user) -> dict[str, int | str]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from library.services import publish_recipe
    from tests.recipes.factories import make_item, make_recipe

    oil = make_item(f"Shared oil {user.pk}")
    recipe = make_recipe(f"Shared soap {user.pk}", [(oil, "100", "g")])
    shared = publish_recipe(
        organization=organization,
        recipe=recipe,
        description="A sample recipe shared for the sweep of every page.",
        cover=SimpleUploadedFile("cover.png", tiny_png(), content_type="image/png"),
    )
    return {"pk": shared.pk}


def _other_member(organization, user) -> dict[str, int | str]:
    from tenants.models import Membership, Role, User

    other = User.objects.create_user(email=f"other-{user.pk}@example.com", password="x" * 20)
    membership = Membership.objects.create(user=other, organization=organization, role=Role.VIEWER)
    return {"pk": membership.pk}


def _invitation(organization, user) -> dict[str, int | str]:
    from datetime import timedelta

    from django.utils import timezone

    from tenants.models import Invitation, Role

    invitation = Invitation.objects.create(
        organization=organization,
        email=f"invited-{user.pk}@example.com",
        role=Role.VIEWER,
        token_hash=f"{user.pk:064d}",
        expires_at=timezone.now() + timedelta(days=7),
    )
    return {"pk": invitation.pk}


def _export(organization, user) -> dict[str, int | str]:
    from reports.services import request_export

    export = request_export(
        kind="items", fmt="csv", params={}, requested_by_id=user.pk, zone_name="UTC"
    )
    return {"pk": export.pk}


def _import(organization, user) -> dict[str, int | str]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.services import preview_import

    upload = SimpleUploadedFile(
        "items.csv", b"name,kind,stock_unit\nSample wax,ingredient,g\n", "text/csv"
    )
    imported = preview_import(
        upload=upload, organization=organization, requested_by_id=user.pk, zone_name="UTC"
    )
    return {"pk": imported.pk}


def _notification(organization, user) -> dict[str, int | str]:
    from notifications.models import Alert, Notification

    return {"pk": Notification.objects.create(alert=Alert.objects.get(), user_id=user.pk).pk}


def _sample_data_job(organization, user) -> dict[str, int | str]:
    from workspace.services import request_sample_data

    return {"pk": request_sample_data(requested_by_id=user.pk).pk}


def _full_export(organization, user) -> dict[str, int | str]:
    from staff.models import WorkspaceExport

    return {"pk": WorkspaceExport.objects.create(organization=organization).pk}


def _on_api_plan(organization):
    """The plan's tier set to one with the API for the block (keys and endpoints need it to be made),
    then put back: the sweep judges the page by the workspace's own plan."""
    from contextlib import contextmanager

    from tenants.models import Organization

    @contextmanager
    def block():
        before = Organization.objects.values("tier", "billing_status").get(pk=organization.pk)
        Organization.objects.filter(pk=organization.pk).update(tier="team", billing_status="active")
        organization.refresh_from_db()
        try:
            yield
        finally:
            Organization.objects.filter(pk=organization.pk).update(**before)
            organization.refresh_from_db()

    return block()


def _api_key(organization, user) -> dict[str, int | str]:
    from api.services import create_key

    with _on_api_plan(organization):
        return {"pk": create_key(name="Sweep key", role="read_only", actor_id=user.pk).key.pk}


def _webhook_endpoint(organization, user) -> dict[str, int | str]:
    from webhooks.services import create_endpoint

    with _on_api_plan(organization):
        endpoint = create_endpoint(url="http://127.0.0.1:9/hook", events=["batch.started"])
    return {"pk": endpoint.pk}


_MEMBER_ROWS = {
    "api_keys:revoke": _api_key,
    "webhooks:delete": _webhook_endpoint,
    "webhooks:test": _webhook_endpoint,
    "inventory:library_add": _library_entry,
    "library:recipe": _shared_recipe,
    "library:cover": _shared_recipe,
    "library:import": _shared_recipe,
    "reports:export_start": lambda organization, user: {"kind": "items"},
    "reports:export_job": _export,
    "reports:export_download": _export,
    "reports:import_detail": _import,
    "reports:import_confirm": _import,
    "notifications:read": _notification,
    "guide:sample_data_job": _sample_data_job,
    "member_change_role": _other_member,
    "member_remove": _other_member,
    "invitation_revoke": _invitation,
    "staff_export_download": _full_export,
}


def purchasing_arguments() -> dict[str, dict[str, int | str]]:
    """URL arguments of the purchasing pages, naming rows built in the active workspace."""
    from tests.recipes.factories import make_item, stock

    item = make_item("Sample castor oil")
    lot = stock(item, "500", "0.02")
    supplier, receipt, document = purchasing_samples(item)
    return {
        **{f"purchasing:{name}": {"pk": supplier.pk} for name in ("supplier", "supplier_edit")},
        "purchasing:receipt": {"pk": receipt.pk},
        **{f"purchasing:{name}": {"kind": "lot", "pk": lot.pk} for name in ("documents", "attach")},
        **{f"purchasing:{name}": {"pk": document.pk} for name in ("download", "document_remove")},
    }


def purchasing_samples(item):
    """A supplier, a delivery of `item` from it and a document (a tiny PDF) of the supplier, made
    through purchasing's services in the active workspace."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from purchasing.services import (
        ReceiptLineInput,
        Subject,
        attach_document,
        create_supplier,
        record_receipt,
    )

    supplier = create_supplier(name=f"Sample supplier {item.pk}")
    receipt = record_receipt(
        supplier=supplier, lines=[ReceiptLineInput(item.pk, "1000", "10.00")], shipping="1.00"
    )
    upload = SimpleUploadedFile("coa.pdf", b"%PDF-1.4 sample", "application/pdf")
    document = attach_document(subject=Subject("supplier", supplier.pk), kind="coa", upload=upload)
    return supplier, receipt, document
