"""Two of everything: two web processes, two Celery workers and two beats (the second one started by
mistake) against one PostgreSQL behind PgBouncer in transaction pooling, and one Redis.

    .venv/bin/python bench/two.py [--seconds 75] [--users 20] [--workspaces 10]

The load mix of bench/load.py (the same workspaces, users and judging of every response) is spread
over both web processes: each user talks to one of them. Both web processes, both workers and both
beats reach PostgreSQL only through a PgBouncer in transaction mode that this bench starts (Debian's
`pgbouncer` package). Afterwards: zero errors, the ledger intact in every workspace, and every
periodic job sent as often as one beat would send it (`periodic_sends`, counted from both beats'
logs: the standby sends nothing; tenants/beat_leader.py).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["BASE_DOMAIN"] = "localhost"
os.environ["EMAIL_URL"] = "memorymail://"

from _common import ROOT, bench_owner, emit, setup_django  # noqa: E402
from _load_client import Stats, User  # noqa: E402
from load import (  # noqa: E402
    ledger_imbalances,
    prepare_workspace,
    run_load,
    server_env,
    sign_in,
    sign_out,
    stop_server,
    wait_until_healthy,
)

from batchtrack.local_pgbouncer import free_port, running_pgbouncer  # noqa: E402

BEAT_ENTRY = "outbox-flush"  # every 60 s: shows up at least once in a 75 s run


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=75)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workspaces", type=int, default=10)
    return parser.parse_args()


def through_pgbouncer(port: int) -> str:
    from django.db import connection

    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@127.0.0.1:{port}/{settings['NAME']}"


def start(name: str, command: list[str], env: dict, folder: Path) -> tuple[subprocess.Popen, Path]:
    log_path = folder / f"{name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    return process, log_path


def main() -> None:
    args = parse_args()
    setup_django()
    from django.db import connection

    from tenants.middleware import public_organization

    owner = bench_owner()
    public_organization()
    per_workspace = -(-args.users // args.workspaces)
    workspaces = [prepare_workspace(n, owner, per_workspace) for n in range(1, args.workspaces + 1)]
    settings = connection.settings_dict
    folder = Path(tempfile.mkdtemp(prefix="bench-two-"))
    processes: list[subprocess.Popen] = []
    with running_pgbouncer(
        host=settings["HOST"] or "127.0.0.1",
        port=int(settings["PORT"] or 5432),
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or "",
        pool_size=10,
    ) as bouncer:
        ports = [free_port(), free_port()]
        base_env = {**server_env(ports[0]), "DATABASE_URL": through_pgbouncer(bouncer)}
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=base_env,
            check=True,
        )
        try:
            for n, port in enumerate(ports):
                env = {**base_env, "SITE_PORT": str(port)}
                web = ["gunicorn", "batchtrack.wsgi", "--bind", f"127.0.0.1:{port}"]
                web += ["--workers", "2", "--threads", "2", "--timeout", "60"]
                processes.append(start(f"web{n}", [sys.executable, "-m", *web], env, folder)[0])
            beat_logs = []
            celery = [sys.executable, "-m", "celery", "-A", "batchtrack"]
            worker_env = {**base_env, "LOG_LEVEL": "INFO"}
            for n in range(2):
                worker = [*celery, "worker", "--loglevel", "INFO", "--concurrency", "1"]
                worker += ["-n", f"bench{n}@%h"]
                processes.append(start(f"worker{n}", worker, worker_env, folder)[0])
                beat = [*celery, "beat", "--loglevel", "INFO"]
                beat += ["--scheduler", "tenants.scheduler:WorkspaceScheduler"]
                beat += ["--schedule", str(folder / f"beat{n}-schedule")]
                process, log_path = start(f"beat{n}", beat, worker_env, folder)
                processes.append(process)
                beat_logs.append(log_path)
            for server, port in zip(processes[:2], ports, strict=True):
                wait_until_healthy(server, port)

            rng = random.Random(7)
            users, keys = [], []
            for n in range(args.users):
                workspace = workspaces[n % args.workspaces]
                key = sign_in(workspace["users"][n // args.workspaces])
                keys.append(key)
                port = ports[n % 2]  # half the users on each web process
                users.append(
                    User(f"user-{n:02d}", workspace, key, port, random.Random(rng.random()))
                )
            try:
                wall, _ = run_load(users, args.seconds)
            finally:
                sign_out(keys)
        finally:
            for process in processes:
                stop_server(process)
    stats = Stats.merged(user.stats for user in users)
    imbalanced, checked = ledger_imbalances(workspaces)
    logs = [log.read_text(errors="replace") for log in beat_logs]
    sends = [text.count("Sending due task ") for text in logs]  # every entry, per beat
    flushes = sum(text.count(f"Sending due task {BEAT_ENTRY}@") for text in logs)
    # One beat sends the 60 s entry about once a minute; two unguarded beats would send it twice as
    # often, and both beats would log sends.
    once = min(sends) == 0 and max(sends) > 0 and 1 <= flushes <= int(wall // 60) + 1
    if stats.errors:
        for sample in stats.error_samples[:15]:
            print(f"  {sample}", file=sys.stderr)
        print(f"logs kept in {folder}", file=sys.stderr)
    emit(
        {
            "bench": "two",
            "web_processes": 2,
            "workers": 2,
            "beats": 2,
            "through": "pgbouncer transaction pooling",
            "users": args.users,
            "workspaces": args.workspaces,
            "wall_s": round(wall, 1),
            "requests": stats.requests,
            "throughput_rps": round(stats.requests / wall, 1),
            "p50_ms": stats.percentile_ms(50),
            "p95_ms": stats.percentile_ms(95),
            "errors": stats.errors,
            "refused": stats.refused,
            "items_checked": checked,
            "ledger_imbalances": imbalanced,
            "periodic_sends": {f"beat{n}": count for n, count in enumerate(sends)},
            f"{BEAT_ENTRY}_sends": flushes,
            "periodic_once": once,
            "target_met": stats.errors == 0 and imbalanced == 0 and once,
        }
    )


if __name__ == "__main__":
    main()
