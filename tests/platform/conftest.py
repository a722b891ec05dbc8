"""A Redis of our own for outage tests: started, stopped, frozen and killed by the test, never the
shared one.

`redis_outage` points both caches and the Celery broker at it; `stop()` and `start()` take it down and
bring it back on the same port, as an outage would; `freeze()` (SIGSTOP) and `thaw()` (SIGCONT) hang
it and let it go on, as a stuck process or a black-holed network would; `kill()` is SIGKILL. Coming
back, it is usable at once: the circuits (batchtrack/redis_circuit.py) forget the outage.
"""

from __future__ import annotations

import copy
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager

import pytest

from batchtrack.devservices import _free_port, _redis_answers, _redis_binary
from batchtrack.redis_circuit import reset_circuits


class PrivateRedis:
    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        # Its own working directory: Redis loads any dump.rdb it finds in the one it runs in.
        self.dir = tempfile.mkdtemp(prefix="private-redis-")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                _redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                self.dir,
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_it_answers()
        reset_circuits()

    def _wait_until_it_answers(self) -> None:
        for _ in range(200):
            if _redis_answers(self.port):
                return
            time.sleep(0.02)
        raise RuntimeError(f"private Redis does not answer on port {self.port}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        self.thaw()  # a frozen process cannot act on SIGTERM
        self.process.send_signal(sig)
        self.process.wait(timeout=10)
        self.process = None
        assert not _port_open(self.port)

    def close(self) -> None:
        """Stop it for good and remove its directory."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def freeze(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self, *, forget_outage: bool = True) -> None:
        """SIGCONT, and wait until it answers (it first runs what was sent to it meanwhile).
        `forget_outage=False` leaves the circuits to find out for themselves that it is back."""
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self._wait_until_it_answers()
        if forget_outage:
            reset_circuits()

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


@contextmanager
def everything_on(settings, server: PrivateRedis):
    """Caches and the Celery broker on `server` (eager mode off) for the block."""
    from batchtrack.celery import app

    caches = copy.deepcopy(settings.CACHES)
    for alias in caches:
        caches[alias]["LOCATION"] = server.url
    settings.CACHES = caches
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.broker_url = server.url
    app.conf.task_always_eager = False
    try:
        yield server
    finally:
        app.conf.update(saved)


@pytest.fixture
def redis_outage(settings, private_redis):
    """Caches and the Celery broker on the private Redis (eager mode off), so the test can stop it."""
    with everything_on(settings, private_redis):
        yield private_redis
