"""Redis that fails fast: one circuit breaker per Redis server, shared by the cache and the broker.

A Redis that is down refuses connections at once, but a hung one (a frozen process, a black-holed
network) lets every call wait for its socket timeout (settings.REDIS_TIMEOUT). A sign-in makes
about twenty cache calls, so even short timeouts add up. The first call that fails opens the
server's circuit: for OPEN_FOR seconds every call to that server, from the cache, the rate limits
or the outbox's broker sends, fails at once without touching the network, and the callers take
their fallbacks (a cache miss, a rate limit counted in the database, work kept in the outbox).
After OPEN_FOR one call is let through to try the server again; the first call that succeeds
closes the circuit.

Each process keeps its own circuits (a gunicorn worker, a Celery worker, beat). A process logs one
warning when a server becomes unavailable and one when it is back, with how long it was gone and how
many calls failed or were skipped meanwhile, instead of a traceback per call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

import redis
from redis.client import Pipeline

logger = logging.getLogger("batchtrack.redis")

# Long enough that an outage costs each process one slow call every few seconds; short enough that
# the cache and the broker are used again within seconds of Redis coming back.
OPEN_FOR = 5.0

# What "the server is unreachable" looks like to redis-py and to kombu (which wraps it).
UNREACHABLE: tuple[type[BaseException], ...] = (redis.ConnectionError, redis.TimeoutError)

T = TypeVar("T")


class CircuitOpen(redis.ConnectionError):
    """A call skipped because its server failed moments ago (a ConnectionError, so every caller
    that already copes with an unreachable Redis copes with this too)."""


class Circuit:
    def __init__(self, name: str, *, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self._clock = clock
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._last_try = 0.0
        self._misses = 0  # calls that failed or were skipped during the current outage

    @property
    def is_open(self) -> bool:
        return self._down_since is not None

    def allow(self) -> bool:
        """Whether a call may go to the server now; a skipped call is counted."""
        with self._lock:
            if self._down_since is None:
                return True
            now = self._clock()
            if now - self._last_try >= OPEN_FOR:
                self._last_try = now  # this call is the trial; the others keep skipping
                return True
            self._misses += 1
            return False

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            self._misses += 1
            self._last_try = self._clock()
            if self._down_since is not None:
                return
            self._down_since = self._last_try
        logger.warning(
            "Redis at %s is unavailable (%s); calls to it are skipped, %.0f s at a time, until it "
            "answers again.",
            self.name,
            _root_cause(exc).__class__.__name__,
            OPEN_FOR,
        )

    def succeeded(self) -> None:
        if self._down_since is None:  # the common case, without taking the lock
            return
        with self._lock:
            if self._down_since is None:
                return
            down_for = self._clock() - self._down_since
            misses, self._misses, self._down_since = self._misses, 0, None
        logger.warning(
            "Redis at %s is available again after %.1f s; %d call(s) failed or were skipped.",
            self.name,
            down_for,
            misses,
        )

    @contextmanager
    def attempt(self, unreachable: tuple[type[BaseException], ...] = UNREACHABLE) -> Iterator[None]:
        """Run the block through the circuit: CircuitOpen at once while it is open; an
        `unreachable` error raised in the block opens it, and getting through closes it."""
        if not self.allow():
            raise CircuitOpen(f"Redis at {self.name} is unavailable; skipped.")
        try:
            yield
        except unreachable as exc:
            self.failed(exc)
            raise
        self.succeeded()

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.attempt():
            return function(*args, **kwargs)


def _root_cause(exc: BaseException) -> BaseException:
    # kombu and beat wrap redis-py's error: name what actually happened (a timeout, a refusal).
    for _ in range(5):
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc


_circuits: dict[str, Circuit] = {}
_registry_lock = threading.Lock()


def server_name(url: str) -> str:
    """host:port of a redis:// URL (the socket path of a unix:// one): one circuit per server,
    whichever database number the cache or the broker uses on it."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}"


def circuit_for(name: str) -> Circuit:
    """The circuit of a server, by `server_name`."""
    with _registry_lock:
        circuit = _circuits.get(name)
        if circuit is None:
            circuit = _circuits[name] = Circuit(name)
        return circuit


def circuit_for_url(url: str) -> Circuit:
    return circuit_for(server_name(url))


def reset_circuits() -> None:
    """Forget every outage (tests: a server restarted by the test is usable at once)."""
    with _registry_lock:
        _circuits.clear()


class CircuitRedis(redis.Redis):
    """redis-py's client with every command and pipeline going through its server's circuit
    (django-redis's REDIS_CLIENT_CLASS)."""

    def execute_command(self, *args, **options):
        return _pool_circuit(self.connection_pool).call(super().execute_command, *args, **options)

    def pipeline(self, transaction=True, shard_hint=None) -> Pipeline:
        return CircuitPipeline(
            self.connection_pool, self.response_callbacks, transaction, shard_hint
        )


class CircuitPipeline(Pipeline):
    def execute(self, raise_on_error: bool = True):
        return _pool_circuit(self.connection_pool).call(super().execute, raise_on_error)


def _pool_circuit(pool) -> Circuit:
    kwargs = pool.connection_kwargs
    if "path" in kwargs:
        return circuit_for(kwargs["path"])
    return circuit_for(f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}")
