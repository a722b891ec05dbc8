"""The public API under load: a page of 100 items (with stock and value) and a consume, each through
the whole stack (middleware, key check, rate limit, role-and-tier gate, selector or service).

Reports the median time of each, and the SQL statements per request with 150 and with 1,500 items in
the workspace: a list page of 100 must cost the same number of statements whatever the data size.
Requests go through Django's test client (in process, no network), with an API key, on the Team
plan so neither the item limit nor the rate limit gets in the way.
Runs in a workspace of its own (created, then dropped).
"""

from __future__ import annotations

import time

from _common import bench_owner, drop_workspace, emit, median_ms, setup_django, timer

SMALL, LARGE = 150, 1500
PAGE = 100
RUNS = 30
WARMUP = 3


def count_statements(block):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    skip = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    with CaptureQueriesContext(connection) as captured:
        result = block()
    return result, sum(1 for q in captured.captured_queries if not q["sql"].startswith(skip))


def add_items(organization, start: int, stop: int) -> list:
    from inventory.services import create_item, receive

    items = []
    for n in range(start, stop):
        item = create_item(organization=organization, name=f"Item {n:05}", stock_unit="g")
        receive(item=item, quantity="100000", unit_cost="0.01")
        items.append(item)
    return items


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django_tenants.utils import tenant_context

    from api.services import create_key
    from tenants.models import Organization
    from tenants.services.provisioning import provision_workspace

    organization = provision_workspace(
        name="Bench API", slug=f"bench-api-{int(time.time())}", owner=bench_owner()
    )
    try:
        # The Team plan as if it were paid for (a bench only; the complimentary grant would leave an
        # audit row that keeps the workspace from being dropped afterwards).
        Organization.objects.filter(pk=organization.pk).update(tier="team", billing_status="active")
        organization.refresh_from_db()
        with tenant_context(organization):
            items = add_items(organization, 0, SMALL)
            secret = create_key(name="bench", role="admin").secret
        client = Client(
            HTTP_HOST=f"{organization.slug}.{settings.BASE_DOMAIN}",
            HTTP_AUTHORIZATION=f"Api-Key {secret}",
        )

        def page():
            response = client.get(f"/api/v1/items/?limit={PAGE}", secure=True)
            assert response.status_code == 200, response.content
            assert len(response.json()["results"]) == PAGE
            return response

        def consume(n: int):
            response = client.post(
                "/api/v1/stock/consume/",
                {"item": items[n % len(items)].pk, "quantity": "5"},
                content_type="application/json",
                secure=True,
            )
            assert response.status_code == 201, response.content
            return response

        for n in range(WARMUP):
            page()
            consume(n)
        _, small_list_q = count_statements(page)
        _, small_consume_q = count_statements(lambda: consume(0))
        with tenant_context(organization):
            add_items(organization, SMALL, LARGE)
        list_samples: list[float] = []
        consume_samples: list[float] = []
        for n in range(RUNS):
            with timer(list_samples):
                page()
            with timer(consume_samples):
                consume(n)
        _, large_list_q = count_statements(page)
        _, large_consume_q = count_statements(lambda: consume(1))
    finally:
        drop_workspace(organization)
    emit(
        {
            "bench": "api",
            "items_small": SMALL,
            "items_large": LARGE,
            "page_size": PAGE,
            "runs": RUNS,
            "item_list_p50_ms": median_ms(list_samples),
            "consume_p50_ms": median_ms(consume_samples),
            "item_list_queries": {"small": small_list_q, "large": large_list_q},
            "consume_queries": {"small": small_consume_q, "large": large_consume_q},
            "queries_constant_in_data_size": small_list_q == large_list_q
            and small_consume_q == large_consume_q,
        }
    )


if __name__ == "__main__":
    main()
