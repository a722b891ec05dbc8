"""How the main pages render: SQL statements and median time of each, on the demo data and on a
workspace ten times larger.

Two workspaces of their own (created on first use, then reused): `bench-pages` holds what
`manage.py seed_demo` loads (the apps' demo seeders), `bench-pages-10x` the same plus nine more copies
of the workshop (workspace.sample_volume). Each page is requested through the whole middleware stack
(the Django test client, signed in as the owner) WARMUP times, then RUNS times measured.

"round_trips" counts every message that waits for the server (`_common.RoundTrips`): statements,
a `SET search_path` sent alone, savepoints, BEGIN when it travels alone, COMMIT.

Targets: at most 15 statements per page, the same number on both workspaces, median under 100 ms on
the 2-core reference machine.
"""

from __future__ import annotations

import time

from _common import RoundTrips, bench_owner, bench_workspace, emit, median_ms, setup_django

RUNS = 10
WARMUP = 2
TARGET_QUERIES = 15
TARGET_MS = 100
NOT_WORK = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def prepare(slug: str, name: str, copies: int):
    """The workspace with the demo data and `copies` more copies of the workshop (idempotent)."""
    from django_tenants.utils import tenant_context

    from billing.services.complimentary import grant_complimentary
    from inventory.models import Item
    from workspace.sample_volume import grow
    from workspace.services.sample_data import seeders

    organization = bench_workspace(slug, name)
    owner = bench_owner()
    if organization.complimentary_tier != "team":
        # Ten copies go beyond the Free plan's item and recipe limits.
        grant_complimentary(organization=organization, tier="team", until=None, granted_by=None)
        organization.refresh_from_db()
    with tenant_context(organization):
        for seeder in seeders():
            seeder.seed(organization=organization, owner=owner)
        done = sum(
            1 for n in range(1, copies + 1) if Item.objects.filter(name=f"Olive oil {n}").exists()
        )
        grow(organization=organization, owner=owner, copies=copies - done, first=done + 1)
    return organization


def pages(organization) -> dict[str, str]:
    from django_tenants.utils import tenant_context

    from workspace.main_pages import main_page_paths

    with tenant_context(organization):
        return main_page_paths()


def answer(client, path: str) -> None:
    response = client.get(path, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")


def measure(organization) -> dict[str, dict]:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=f"{organization.slug}.{settings.BASE_DOMAIN}")
    client.force_login(bench_owner())
    results = {}
    for name, path in pages(organization).items():
        for _ in range(WARMUP):
            answer(client, path)
        # Statements once, under the query log; times without it (it slows every query down).
        reset_queries()
        with CaptureQueriesContext(connection) as captured, RoundTrips() as trips:
            answer(client, path)
        statements = sum(1 for q in captured.captured_queries if not q["sql"].startswith(NOT_WORK))
        samples: list[float] = []
        for _ in range(RUNS):
            start = time.perf_counter()
            answer(client, path)
            samples.append(time.perf_counter() - start)
        results[name] = {
            "queries": statements,
            "round_trips": trips.count,
            "median_ms": median_ms(samples),
        }
        connection.set_schema_to_public()
    return results


def main() -> None:
    setup_django()
    from django.conf import settings

    # Pages name their static files; the bench measures pages, not a collected static manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    demo = prepare("bench-pages", "Bench pages", copies=0)
    large = prepare("bench-pages-10x", "Bench pages 10x", copies=9)
    small_results, large_results = measure(demo), measure(large)
    pages_out = {
        name: {"demo": small_results[name], "10x": large_results[name]} for name in small_results
    }
    worst_queries = max(r["queries"] for r in [*small_results.values(), *large_results.values()])
    worst_trips = max(r["round_trips"] for r in [*small_results.values(), *large_results.values()])
    worst_ms = max(r["median_ms"] for r in [*small_results.values(), *large_results.values()])
    grows = sorted(
        n for n in small_results if large_results[n]["queries"] != small_results[n]["queries"]
    )
    over_queries = sorted(n for n in small_results if large_results[n]["queries"] > TARGET_QUERIES)
    over_ms = sorted(
        n
        for n in small_results
        if max(small_results[n]["median_ms"], large_results[n]["median_ms"]) > TARGET_MS
    )
    for name, result in pages_out.items():
        print(
            f"{name:20} demo {result['demo']['queries']:3} q {result['demo']['round_trips']:3} rt"
            f" {result['demo']['median_ms']:8.1f} ms | 10x {result['10x']['queries']:3} q"
            f" {result['10x']['round_trips']:3} rt {result['10x']['median_ms']:8.1f} ms"
        )
    emit(
        {
            "bench": "pages",
            "pages": pages_out,
            "max_queries": worst_queries,
            "max_round_trips": worst_trips,
            "max_median_ms": worst_ms,
            "grows_with_data": grows,
            "over_query_target": over_queries,
            "over_time_target": over_ms,
            "targets": {"queries": TARGET_QUERIES, "median_ms": TARGET_MS},
            "ok": not grows and not over_queries and not over_ms,
        }
    )


if __name__ == "__main__":
    main()
