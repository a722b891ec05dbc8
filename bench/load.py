"""Fifty people at work at once: simulated users in 20 workspaces against a real gunicorn server.

Prepares 20 workspaces, `bench-load-01` .. `bench-load-20` (created on first use, reused afterwards),
each with three production members, six soap ingredients held in several lots, a product and a
published recipe that makes it (all through the apps' services; the workspaces get a complimentary
Team tier so the monthly batch limit never interferes). Then starts gunicorn with production settings
(DEBUG off, manifest static files) on a free local port and runs 50 users, each a thread with its own
HTTP session signed in as one member, for 60 s (`--seconds`). Users of one workspace work on the same
items and batches: they open the dashboard and inventory pages, receive stock, give away, dispose of and
recount it, and plan, start, finish and cancel batches through the pages, exactly as a browser posts
the forms (CSRF tokens included). Before anything is measured the users work for 10 s (counted
apart, as `warm_up_*`), so every gunicorn worker has booted and compiled its templates.

With --think, the same server then serves people at work: at each --makers level (50, 100, 200),
that many users each wait 2-8 s between actions, as people do; p50/p95 per level go under
"think_time". The closed loop before it gives the saturation throughput per CPU core.

Every response is judged: a 5xx, a connection error or timeout, a redirect off the workspace, or a form
coming back with an error that is not a legitimate refusal counts as an error. A refusal the domain owes
to concurrency (stock taken by a colleague first, a batch already started or finished) counts as
`refused`. Afterwards the ledger invariant (on hand = open lots = stock-affecting movements) is checked
for every item in the 20 workspaces. Prints one JSON object as its last line; details of any error, with
the end of the server's log, go to stderr. Target: 0 errors, invariant intact.

CPU per request (`bench/_cpu.py`): the user + system time of the gunicorn processes ("web") and of the
PostgreSQL backends connected to the database ("db") during the measured run, from the processes' own
accounting, divided by the requests served. Target (issue 21): at most 20 ms of both together.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Workspace hosts are <slug>.localhost for this process and the server alike; invitations made while
# preparing the workspaces go nowhere.
os.environ["BASE_DOMAIN"] = "localhost"
os.environ["EMAIL_URL"] = "memorymail://"

from _common import ROOT, bench_owner, bench_workspace, emit, setup_django  # noqa: E402
from _cpu import CpuMeter  # noqa: E402
from _load_client import Stats, User  # noqa: E402

from batchtrack.local_pgbouncer import free_port  # noqa: E402

USERS = 50
WORKSPACES = 20
SECONDS = 60
WORKERS, THREADS = 4, 2
TARGET_CPU_MS = 20
RECIPE = "Load-test lavender soap"
PRODUCT = "Lavender bar"
# name, stock unit, quantity per batch at scale 1, unit cost
INGREDIENTS = [
    ("Olive oil", "g", "700", "0.010"),
    ("Coconut oil", "g", "300", "0.007"),
    ("Sodium hydroxide", "g", "143", "0.004"),
    ("Distilled water", "ml", "330", "0.0005"),
    ("Lavender essential oil", "ml", "30", "0.16"),
    ("Kraft soap box", "each", "10", "0.35"),
]
STOCK_FLOOR_BATCHES = 30  # before a run, top every ingredient up to at least this many batches
TOP_UP_BATCHES = 60


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=SECONDS, help="length of the run")
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--workspaces", type=int, default=WORKSPACES)
    parser.add_argument("--seed", type=int, default=7, help="seed of the users' random choices")
    parser.add_argument(
        "--think",
        action="store_true",
        help="people at work: each waits 2-8 s between actions; runs --makers levels in turn",
    )
    parser.add_argument("--makers", default="50,100,200", help="levels of the --think run")
    return parser.parse_args()


# --- preparing the workspaces -------------------------------------------------------------------


def prepare_workspace(number: int, owner, members: int) -> dict:
    """The workspace `bench-load-NN` with `members` production members, stock and a published
    recipe; returns what the simulated users need to know about it."""
    from django_tenants.utils import tenant_context

    from billing.services.complimentary import grant_complimentary

    slug = f"bench-load-{number:02d}"
    organization = bench_workspace(slug, f"Load test {number:02d}")
    migrate_if_needed(organization)
    if organization.complimentary_tier != "team":
        grant_complimentary(organization=organization, tier="team", until=None, granted_by=None)
        organization.refresh_from_db()
    users = [
        ensure_member(organization, owner, f"load-{number:02d}-{m}@bench.batchtrack.local")
        for m in range(members)
    ]
    with tenant_context(organization):
        items, product, version = ensure_stock_and_recipe(organization, owner)
    return {
        "slug": slug,
        "organization": organization,
        "users": users,
        "items": items,
        "product": product,
        "version": version,
    }


def migrate_if_needed(organization) -> None:
    """Apply tenant migrations to a reused workspace only when some are missing."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django_tenants.utils import tenant_context

    with tenant_context(organization):
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        call_command(
            "migrate_schemas", schema_name=organization.schema_name, interactive=False, verbosity=0
        )


def ensure_member(organization, owner, email: str):
    """A production member, added the way people join: an invitation, accepted."""
    from tenants.models import Membership, User
    from tenants.services.memberships import accept_invitation, invite_member

    user = User.objects.filter(email=email).first() or User.objects.create_user(email=email)
    if not Membership.objects.filter(organization=organization, user=user).exists():
        _, token = invite_member(
            organization=organization, email=email, role="production", invited_by=owner
        )
        accept_invitation(token=token, user=user)
    return user


def ensure_stock_and_recipe(organization, owner) -> tuple[dict, dict, int]:
    """Items (reused by name) topped up to STOCK_FLOOR_BATCHES batches in two lots at different
    costs, the product, and the published recipe; returns ({name: item info}, product info,
    the recipe's current version id)."""
    from django.utils import timezone

    from inventory.models import Item
    from inventory.services import create_item, receive
    from recipes.models import Recipe
    from recipes.services import LineInput, VersionContent, create_recipe

    def item(name: str, unit: str, kind: str = Item.Kind.INGREDIENT) -> Item:
        found = Item.objects.filter(name=name, is_archived=False).first()
        return found or create_item(
            organization=organization, name=name, stock_unit=unit, kind=kind
        )

    now = timezone.now()
    items = {}
    for name, unit, per_batch, cost in INGREDIENTS:
        row = item(name, unit)
        need = Decimal(per_batch) * STOCK_FLOOR_BATCHES
        if row.on_hand < need:
            half = Decimal(per_batch) * TOP_UP_BATCHES / 2
            for days, unit_cost in ((20, cost), (5, str(Decimal(cost) * Decimal("1.2")))):
                receive(
                    item=row,
                    quantity=half,
                    unit_cost=unit_cost,
                    received_at=now - timezone.timedelta(days=days),
                    supplier="Bench supplies",
                    supplier_lot_code=f"LOAD-{days}",
                    actor_id=owner.pk,
                )
        items[name] = {"pk": row.pk, "unit": unit, "per_batch": Decimal(per_batch)}
    product = item(PRODUCT, "each", Item.Kind.PRODUCT)
    recipe = Recipe.objects.filter(name=RECIPE).first() or create_recipe(
        name=RECIPE,
        category="soap",
        prefix="LOAD",
        output_item_id=product.pk,
        actor_id=owner.pk,
        publish=True,
        content=VersionContent(
            yield_quantity="10",
            yield_unit="each",
            portion_name="bar",
            lines=[LineInput(items[name]["pk"], qty, unit) for name, unit, qty, _ in INGREDIENTS],
            instructions="Mix lye into water, blend with the oils to trace, add lavender, pour.",
        ),
    )
    product_info = {"pk": product.pk, "unit": "each", "per_batch": Decimal("10")}
    return items, product_info, recipe.current_version.pk


def sign_in(user) -> str:
    """A server-side session signed in as `user`, as django.contrib.auth.login leaves it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def sign_out(keys: list[str]) -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=keys).delete()


# --- the server ---------------------------------------------------------------------------------


def server_env(port: int) -> dict:
    """Production settings on plain local HTTP: DEBUG off, manifest static files, no TLS."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ["SECRET_KEY"],  # the sessions made here are signed with it
        "BASE_DOMAIN": "localhost",
        "SITE_SCHEME": "http",
        "SITE_PORT": str(port),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def start_server(port: int, log) -> subprocess.Popen:
    env = server_env(port)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # Idle connections stay open for 30 s (gunicorn's default is 2 s), longer than a starved client
    # thread may pause between two requests, as a browser's connection through a proxy would.
    options = f"--workers {WORKERS} --threads {THREADS} --timeout 60 --keep-alive 30"
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "batchtrack.wsgi", "--bind", f"127.0.0.1:{port}"]
        + options.split(),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_healthy(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            response = requests.get(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}, timeout=2
            )
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


# --- the run ------------------------------------------------------------------------------------


def run_load(
    users: list[User], seconds: float, meter: CpuMeter | None = None
) -> tuple[float, float]:
    """Warm up (each user opens the dashboard once, not counted), then let every user work until
    the deadline; returns the measured wall time and the CPU time the users themselves took (they
    share the machine with the server). `meter` measures the server's CPU over the same span."""
    for user in users:
        user.warm_up()
    if meter:
        meter.start()
    cpu = time.process_time()
    start = time.monotonic()
    work_until(users, start + seconds)
    if meter:
        meter.stop()
    return time.monotonic() - start, time.process_time() - cpu


def work_until(users: list[User], deadline: float) -> None:
    for user in users:
        user.deadline = deadline
    threads = [threading.Thread(target=user.work, name=user.name) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


WARM_UP_S = 10


def warm_up_server(users: list[User], seconds: float = WARM_UP_S) -> Stats:
    """The users work for `seconds` before anything is measured, on stats of their own (returned):
    by then every gunicorn worker has booted, imported the app and compiled the templates the mix
    uses, so the runs measure a server in its steady state, not its start-up."""
    kept = [user.stats for user in users]
    for user in users:
        user.stats = Stats()
    work_until(users, time.monotonic() + seconds)
    warm = Stats.merged(user.stats for user in users)
    for user, stats in zip(users, kept, strict=True):
        user.stats, user.deadline = stats, float("inf")
    return warm


def cpu_per_request(meter: CpuMeter, requests: int) -> dict:
    web, db = meter.used_s("web"), meter.used_s("db")
    per = max(requests, 1)
    total_ms = (web + db) / per * 1000
    return {
        "web_cpu_s": round(web, 1),
        "db_cpu_s": round(db, 1),
        "web_cpu_ms_per_request": round(web / per * 1000, 2),
        "db_cpu_ms_per_request": round(db / per * 1000, 2),
        "cpu_ms_per_request": round(total_ms, 2),
        "target_cpu_ms_per_request": TARGET_CPU_MS,
        "cpu_target_met": total_ms <= TARGET_CPU_MS,
    }


THINK_S = (2.0, 8.0)


def run_think_levels(users: list[User], levels: list[int], seconds: float, new_meter) -> dict:
    """At each level, that many of the users work with think time for `seconds`; p50/p95 and what
    they got done, and the server's CPU per request at that level (`new_meter()` gives a fresh
    CpuMeter)."""
    results = {}
    for level in levels:
        chosen = users[:level]
        for user in chosen:
            user.stats, user.think, user.deadline = Stats(), THINK_S, float("inf")
        meter = new_meter()
        wall, _ = run_load(chosen, seconds, meter)
        stats = Stats.merged(user.stats for user in chosen)
        results[str(level)] = {
            "requests": stats.requests,
            "throughput_rps": round(stats.requests / wall, 1),
            "p50_ms": stats.percentile_ms(50),
            "p95_ms": stats.percentile_ms(95),
            "errors": stats.errors,
            "refused": stats.refused,
            **cpu_per_request(meter, stats.requests),
        }
        for user in chosen:
            user.think = None
    return results


def ledger_imbalances(workspaces: list[dict]) -> tuple[int, int]:
    """(imbalanced items, items checked) over every workspace."""
    from django_tenants.utils import tenant_context

    from inventory.models import Item
    from inventory.selectors import ledger_imbalances as imbalances

    found = checked = 0
    for workspace in workspaces:
        with tenant_context(workspace["organization"]):
            found += len(imbalances())
            checked += Item.objects.count()
    return found, checked


def report_errors(stats: Stats, log_path: str) -> None:
    print(f"{stats.errors} errors; first ones:", file=sys.stderr)
    for sample in stats.error_samples[:15]:
        print(f"  {sample}", file=sys.stderr)
    server_log_tail(log_path)


def server_log_tail(log_path: str) -> None:
    text = Path(log_path).read_text(errors="replace")
    print(f"--- end of the server log ({log_path}) ---", file=sys.stderr)
    print(text[-12000:], file=sys.stderr)


def main() -> None:
    args = parse_args()
    setup_django()
    from django.db import connection

    from tenants.middleware import public_organization

    owner = bench_owner()
    public_organization()  # the public host's row, made before concurrent requests race to
    levels = [int(level) for level in args.makers.split(",")] if args.think else []
    people = max([args.users, *levels])
    per_workspace = -(-people // args.workspaces)
    workspaces = [prepare_workspace(n, owner, per_workspace) for n in range(1, args.workspaces + 1)]
    port = free_port()
    rng = random.Random(args.seed)
    users, session_keys = [], []
    for n in range(people):
        workspace = workspaces[n % args.workspaces]
        key = sign_in(workspace["users"][n // args.workspaces])
        session_keys.append(key)
        users.append(User(f"user-{n:02d}", workspace, key, port, random.Random(rng.random())))
    with tempfile.NamedTemporaryFile(prefix="bench-load-", suffix=".log", delete=False) as log:
        server = start_server(port, log)
        meter = CpuMeter(server.pid, connection.settings_dict["NAME"])
        try:
            wait_until_healthy(server, port)
            warm = warm_up_server(users[: args.users])
            wall, client_cpu = run_load(users[: args.users], args.seconds, meter)
            think = (
                run_think_levels(
                    users,
                    levels,
                    args.seconds,
                    lambda: CpuMeter(server.pid, connection.settings_dict["NAME"]),
                )
                if levels
                else None
            )
        except BaseException:
            server_log_tail(log.name)
            raise
        finally:
            stop_server(server)
            sign_out(session_keys)
    stats = Stats.merged(user.stats for user in users[: args.users])
    other_errors = warm.errors + sum(level["errors"] for level in (think or {}).values())
    imbalanced, checked = ledger_imbalances(workspaces)
    if stats.errors:
        report_errors(stats, log.name)
    else:
        os.unlink(log.name)
    emit(
        {
            "bench": "load",
            "users": args.users,
            "workspaces": args.workspaces,
            "seconds": args.seconds,
            "wall_s": round(wall, 1),
            "server": f"gunicorn --workers {WORKERS} --threads {THREADS}",
            "warm_up_s": WARM_UP_S,
            "warm_up_requests": warm.requests,
            "warm_up_errors": warm.errors,
            "load_generator_cpu_s": round(client_cpu, 1),
            "requests": stats.requests,
            "throughput_rps": round(stats.requests / wall, 1),
            "p50_ms": stats.percentile_ms(50),
            "p95_ms": stats.percentile_ms(95),
            **cpu_per_request(meter, stats.requests),
            "errors": stats.errors,
            "refused": stats.refused,
            "refusals": stats.refusal_kinds(),
            "per_operation": stats.per_operation(),
            "items_checked": checked,
            "ledger_imbalances": imbalanced,
            "saturation_rps_per_core": round(stats.requests / wall / (os.cpu_count() or 1), 1),
            "think_time": think,
            "target": "0 errors, invariant intact; with think time, p95 < 300 ms at 100 makers",
            "target_met": stats.errors == 0
            and other_errors == 0
            and imbalanced == 0
            and (not think or "100" not in think or think["100"]["p95_ms"] < 300),
        }
    )


if __name__ == "__main__":
    main()
