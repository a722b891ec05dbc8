"""How long signing up takes on the server side: provisioning 10 workspaces (schema, domain, owner).

Target: under 2 s per workspace on the 2-core reference machine.
"""

from __future__ import annotations

import statistics
import time

from _common import bench_owner, drop_workspace, emit, setup_django

RUNS = 10


def main() -> None:
    setup_django()
    from django.db import connection

    from tenants.services.provisioning import provision_workspace

    owner = bench_owner()
    stamp = int(time.time())
    created, durations = [], []
    try:
        for n in range(RUNS):
            start = time.perf_counter()
            created.append(
                provision_workspace(name=f"Bench {n}", slug=f"bench-prov-{stamp}-{n}", owner=owner)
            )
            durations.append(time.perf_counter() - start)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s",
                [created[0].schema_name],
            )
            tables = cursor.fetchone()[0]
    finally:
        for organization in created:
            drop_workspace(organization)
    ordered = sorted(durations)
    emit(
        {
            "bench": "provision",
            "workspaces": RUNS,
            "provision_median_s": round(statistics.median(durations), 3),
            "provision_p90_s": round(ordered[int(0.9 * (RUNS - 1))], 3),
            "provision_max_s": round(ordered[-1], 3),
            "tables_per_workspace": tables,
            "target_s": 2.0,
        }
    )


if __name__ == "__main__":
    main()
