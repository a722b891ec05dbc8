"""A throwaway PgBouncer (Debian's `pgbouncer` package) in front of a PostgreSQL server, for the
tests and benchmarks that prove the app is safe behind transaction pooling. Never used in production,
where PgBouncer is configured by the operator (README: connection pooling)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Debian installs it in /usr/sbin, which a non-root PATH may lack.
BINARY = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_pgbouncer(
    *, host: str, port: int, user: str, password: str = "", pool_size: int = 1
) -> Iterator[int]:
    """Start PgBouncer in transaction mode (every database of the server, `pool_size` server
    connections each) on a free local port; yields the port and stops it afterwards."""
    if BINARY is None:
        raise FileNotFoundError(
            "Debian's pgbouncer package is not installed (apt-get install pgbouncer)"
        )
    listen = free_port()
    # Its own folder under the system temp dir: as root, PgBouncer runs as postgres, which cannot
    # enter a test's private tmp_path.
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    (folder / "users.txt").write_text(f'"{user}" "{password}"\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={host} port={port}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {listen}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
        f"pool_mode = transaction\ndefault_pool_size = {pool_size}\nmax_client_conn = 500\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
    )
    command = [BINARY, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        shutil.chown(folder, "postgres")
        for path in folder.iterdir():
            shutil.chown(path, "postgres")
        command[1:1] = ["-u", "postgres"]
    # Output to a file, not a pipe nobody reads (a full pipe would stall it).
    with open(folder / "output.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(listen, process, folder / "output.log")
            yield listen
        finally:
            process.terminate()
            process.wait(timeout=10)
            shutil.rmtree(folder, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pgbouncer exited: {log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("pgbouncer did not start listening")
