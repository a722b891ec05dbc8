"""No query parameter reaches a 500: every GET page of the workspace and the public host, requested by
a workspace owner with hostile values (NUL bytes, digits that are not 0-9, huge and negative numbers,
markup, long and repeated values) in each parameter it reads, answers with a normal page.

Which parameters a page reads is not declared anywhere: the test records every key the view (and the
middleware) asks `request.GET` for, asking again with each key found until no new one appears (a form
bound only when `go` is present reads `made` once `go` is sent). A new page, or a new parameter of an
old one, is therefore swept without touching this file. A workspace page whose sample arguments miss
(a 404) fails, so no page drops out of the sweep unnoticed.
"""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.utils.functional import cached_property
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_member, public_client, workspace_client
from tests.ui.conftest import seed_demo
from tests.workspace_urls import purchasing_samples, routes

NASTY = [
    "\x00",
    "a\x00b",
    "L²",
    "٣",
    "-1",
    "0",
    "1e999",
    "99999999999999999999999",
    "%",
    "'",
    "<script>",
    "",
    "a" * 3000,
    ["1", "2"],  # the parameter twice
]

# Pages whose GET legitimately answers 404 with the sample objects below.
EXPECTED_404 = {
    "reports:export_download",  # the sample export has no file yet
}

WORKSPACE_ROUTES = routes("batchtrack.urls_tenant")
# Platform staff pages: an owner is sent to the admin's login, which is swept.
PUBLIC_ROUTES = [
    route
    for route in routes("batchtrack.urls_public")
    if not route.name.startswith("admin:") or route.name in ("admin:index", "admin:login")
]


class _RecordingQueryDict(QueryDict):
    """A query string that notes each key asked for (in `reads`, set by the fixture)."""

    reads: set[str] = set()

    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.reads.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.reads.add(key)
        return super().getlist(key, default)


@pytest.fixture
def reads(monkeypatch) -> set[str]:
    found: set[str] = set()
    monkeypatch.setattr(_RecordingQueryDict, "reads", found)

    def recording_get(request):
        raw = request.environ.get("QUERY_STRING", "").encode("iso-8859-1")
        return _RecordingQueryDict(raw, encoding=request._encoding)

    prop = cached_property(recording_get)
    prop.__set_name__(WSGIRequest, "GET")
    monkeypatch.setattr(WSGIRequest, "GET", prop)
    return found


def _ask(client, path: str, query: dict) -> int:
    """The status of GET `path?query`; an exception in the view is reported as the 500 it would be.
    Each request runs in a savepoint, so a failed statement does not end the test's transaction."""
    try:
        with transaction.atomic():
            return client.get(path, query).status_code
    except Exception as exc:  # noqa: BLE001 - any exception is the 500 under test
        raise AssertionError(f"GET {path} {_short(query)} raised {exc!r}"[:600]) from exc


def _short(query: dict) -> dict:
    return {
        key: (
            f"{value[:20]}... ({len(value)} chars)"
            if isinstance(value, str) and len(value) > 40
            else value
        )
        for key, value in query.items()
    }


def _parameters(client, path: str, reads: set[str]) -> tuple[int, list[str]]:
    """The status of the plain page and every query key it reads, probing until no new key appears."""
    reads.clear()
    status = _ask(client, path, {"_probe": "1"})  # a non-empty query string binds GET forms
    known: set[str] = set()
    for _ in range(6):
        found = reads - {"_probe"}
        if found <= known:
            break
        known |= found
        reads.clear()
        _ask(client, path, dict.fromkeys(sorted(known), "1"))
    return status, sorted(known)


hostile = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩۳०१²³¹½\x00-+.,eE ", max_size=30),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=500, max_value=4000).map(lambda n: "9" * n),
    st.lists(st.text(max_size=10), min_size=2, max_size=3),
)


def _sweep(client, path: str, reads: set[str]) -> list[str]:
    """What went wrong on `path`: the fixed nasty values in each parameter it reads, alone and all at
    once, then generated ones."""
    status, parameters = _parameters(client, path, reads)
    if status >= 500:
        return [f"GET {path} answered {status}"]
    failures = []
    for value in NASTY:
        for parameter in parameters:
            query = dict.fromkeys(parameters, "1") | {parameter: value}
            try:
                answered = _ask(client, path, query)
            except AssertionError as exc:
                failures.append(str(exc))
                continue
            if answered >= 500:
                failures.append(f"GET {path} {_short(query)} answered {answered}")
        if parameters:
            try:
                _ask(client, path, dict.fromkeys(parameters, value))
            except AssertionError as exc:
                failures.append(str(exc))
    if failures:
        return failures
    for parameter in parameters:
        try:
            _hostile_values(client, path, parameters, parameter)()
        except AssertionError as exc:
            return [str(exc)]
    return []


def _hostile_values(client, path: str, parameters: list[str], parameter: str):
    """A few generated hostile values in `parameter` (the page's other parameters plain)."""

    @settings(
        max_examples=4,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(value=hostile)
    def hostile_value_is_a_normal_page(value):
        query = dict.fromkeys(parameters, "1") | {parameter: value}
        assert _ask(client, path, query) < 500

    return hostile_value_is_a_normal_page


def _pk(instance) -> int:
    return instance.pk if instance is not None else 1


def _workspace_samples() -> dict[str, dict[str, object]]:
    """Real objects of the demo workspace for each named page's arguments (the schema is active)."""
    from batches.models import Batch, BatchTimer
    from inventory.models import Item, Lot, Reservation
    from library.models import LibraryItem
    from notifications.models import Notification
    from products.models import Deduction, Product, Sku
    from recipes.models import Recipe
    from reports.models import ExportJob, ImportJob
    from workspace.main_pages import main_page_paths
    from workspace.models import SampleDataJob

    main_page_paths()  # fails loudly if the demo data changed shape
    oil = Item.objects.get(name="Olive oil")
    recipe = Recipe.objects.get(name="Lavender castile soap")
    running = Batch.objects.filter(status=Batch.Status.IN_PROGRESS).order_by("pk").first()
    planned = Batch.objects.filter(status=Batch.Status.PLANNED).order_by("pk").first()
    product = Product.objects.get(name="Castile bar")
    sku = Sku.objects.filter(product=product).order_by("pk").first()
    export = ExportJob.objects.create(kind="items", format="csv")
    imported = ImportJob.objects.create(original_name="items.csv", status=ImportJob.Status.READY)
    sample_job = SampleDataJob.objects.create()
    lot = Lot.objects.filter(item=oil).order_by("pk").first()
    # Tests on committed data (threads, live server) flush the public tables, library included.
    library = LibraryItem.objects.filter(is_active=True).order_by("pk").first()
    if library is None:
        library = LibraryItem.objects.create(
            name="Hostile test olive oil", kind="ingredient", category="oil"
        )
    recipe_pk = {"pk": recipe.pk}
    running_pk = {"pk": running.pk}
    planned_pk = {"pk": planned.pk}
    samples: dict[str, dict[str, object]] = {
        "inventory:library_add": {"library_pk": _pk(library)},
        "recipes:publish": recipe_pk | {"version_id": recipe.current_version_id},
        "recipes:discard": recipe_pk | {"version_id": recipe.current_version_id},
        "batches:plan": {"version_id": recipe.current_version_id},
        "trace:lot": {"lot_id": lot.pk},
        "inventory:lot_correct": {"lot_id": lot.pk},
        "inventory:lot_release": {"lot_id": lot.pk},
        "reports:export_start": {"kind": "items"},
        "reports:export_job": {"pk": export.pk},
        "reports:export_download": {"pk": export.pk},
        "reports:import_detail": {"pk": imported.pk},
        "reports:import_confirm": {"pk": imported.pk},
        "guide:size": {"recipe_pk": recipe.pk},
        "products:recipe_product": {"recipe_pk": recipe.pk},
        "guide:receive_for_batch": planned_pk | {"item_pk": oil.pk},
        "guide:sample_data_job": {"pk": sample_job.pk},
        "charts:item_stock": {"pk": oil.pk},
        "charts:recipe_costs": recipe_pk,
    }
    for name in ("check", "confirm", "started", "undo", "discard"):
        samples[f"guide:{name}"] = planned_pk
    for name in ("finish", "finish_cost", "finish_where", "finish_confirm"):
        samples[f"guide:{name}"] = running_pk
    timer = BatchTimer.objects.order_by("pk").first()
    for name in ("timer_pause", "timer_resume", "timer_complete"):
        samples[f"batches:{name}"] = {"timer_id": _pk(timer)}
    hold = Reservation.objects.order_by("pk").first()
    sale = Deduction.objects.order_by("pk").first()
    notification = Notification.objects.order_by("pk").first()
    samples["products:hold_sell"] = samples["products:hold_release"] = {"pk": _pk(hold)}
    samples["products:sale_return"] = {"pk": _pk(sale)}
    samples["notifications:read"] = {"pk": _pk(notification)}
    shared, finished_token = _production_depth_samples(recipe)
    samples["library:recipe"] = samples["library:cover"] = {"pk": shared.pk}
    samples["library:import"] = {"pk": shared.pk}
    samples["library:share"] = {"recipe_pk": recipe.pk}
    samples["public_batch"] = {"token": finished_token}
    supplier, receipt, document = purchasing_samples(oil)
    from batchtrack.tenancy import active_tenant
    from staff.models import WorkspaceExport

    full_export = WorkspaceExport.objects.create(organization_id=active_tenant().pk)
    samples["staff_export_download"] = {"pk": full_export.pk}
    samples["purchasing:supplier"] = samples["purchasing:supplier_edit"] = {"pk": supplier.pk}
    samples["purchasing:receipt"] = {"pk": receipt.pk}
    samples["purchasing:documents"] = samples["purchasing:attach"] = {"kind": "lot", "pk": lot.pk}
    samples["purchasing:download"] = samples["purchasing:document_remove"] = {"pk": document.pk}
    defaults = {
        "inventory": oil.pk,
        "recipes": recipe.pk,
        "batches": running.pk,
        "products": product.pk,
    }
    for route in WORKSPACE_ROUTES:
        namespace = route.name.partition(":")[0]
        if route.name not in samples and namespace in defaults:
            samples[route.name] = {"pk": defaults[namespace]}
    for name in ("products:sku", "products:sku_edit", "products:sku_deduct", "products:sku_hold"):
        samples[name] = {"pk": sku.pk}
    samples.update(_sales_samples())
    return samples


def _sales_samples() -> dict[str, dict[str, object]]:
    from sales.models import Customer, Order, OrderLine

    order = {"pk": _pk(Order.objects.order_by("pk").first())}
    line = {"pk": _pk(OrderLine.objects.order_by("pk").first())}
    customer = {"pk": _pk(Customer.objects.order_by("pk").first())}
    found = {f"sales:{name}": order for name in ("order", "order_hold", "order_fulfil")}
    found["sales:order_cancel"] = order
    found["sales:line"] = found["sales:line_return"] = line
    found["sales:customer"] = found["sales:customer_edit"] = customer
    found["sales:report_year_end_detail"] = {"year": 2030, "group": "sold"}
    return found


@pytest.fixture
def owner_in_demo(org_a):
    # On the plan with every report and export, so the money report pages (and their export
    # buttons) read their parameters instead of showing the upgrade page.
    from tests.reports.conftest import on_tier

    on_tier(org_a, "team")
    with tenant_context(org_a):
        owner = make_member(org_a, "owner")
        seed_demo(org_a, owner)
        yield owner


def test_every_workspace_page_answers_hostile_query_parameters(org_a, owner_in_demo, reads):
    from tenants.models import Membership

    samples = _workspace_samples()
    membership = Membership.objects.get(user=owner_in_demo, organization=org_a)
    samples["member_change_role"] = samples["member_remove"] = {"pk": membership.pk}
    client = workspace_client(owner_in_demo, org_a)
    failures = []
    for route in WORKSPACE_ROUTES:
        path = route.path(samples.get(route.name))
        try:
            status = _ask(client, path, {"_probe": "1"})
            if status == 405:
                continue  # not a GET page
            if status == 404 and route.name not in EXPECTED_404:
                failures.append(f"{path} ({route.name}): 404, the sample arguments miss")
                continue
            failures += _sweep(client, path, reads)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n".join(failures)


def test_every_public_page_answers_hostile_query_parameters(org_a, reads, settings):
    # Google sign-in configured, as in production (unconfigured, its pages have nothing to show).
    settings.SOCIALACCOUNT_PROVIDERS = {
        "google": {
            "APPS": [
                {"client_id": "client-id.apps.googleusercontent.com", "secret": "s", "key": ""}
            ],
            "SCOPE": ["profile", "email"],
        }
    }
    client = public_client(make_member(org_a, "owner"))
    failures = []
    for route in PUBLIC_ROUTES:
        path = route.path({"slug": org_a.slug})
        try:
            if _ask(client, path, {"_probe": "1"}) == 405:
                continue
            failures += _sweep(client, path, reads)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n".join(failures)


def _production_depth_samples(recipe):
    """A shared recipe with a cover, and the public token of a finished batch (records on)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from batches.label_data import public_token
    from batches.models import Batch
    from batches.services import set_public_records
    from library.services import publish_recipe
    from tenants.models import Organization
    from tests.workspace_urls import tiny_png

    organization = Organization.objects.get(schema_name=connection.schema_name)
    shared = publish_recipe(
        organization=organization,
        recipe=recipe,
        description="A sample recipe shared for the hostile sweep.",
        cover=SimpleUploadedFile("c.png", tiny_png(), content_type="image/png"),
    )
    set_public_records(enabled=True)
    finished = Batch.objects.filter(status=Batch.Status.FINISHED).order_by("pk").first()
    return shared, public_token(finished) if finished else "none"
