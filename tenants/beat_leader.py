"""One beat at a time: a second beat process, started by mistake or left over from a deploy, stands by
instead of sending every periodic job a second time.

Each beat holds a Redis key (the broker's Redis: without it beat could not send anyway) for LEASE
seconds and renews it on every tick; the others see it taken and send nothing, while still stepping
through their schedule so that, when the holder stops and its lease runs out, the standby takes over
with its schedule in step (no burst of "overdue" runs). Every periodic job is safe to run twice, so
the few seconds around a takeover need no more care than that.
"""

from __future__ import annotations

import logging
import uuid

import redis
from django.conf import settings

from batchtrack.redis_circuit import UNREACHABLE, CircuitRedis

logger = logging.getLogger("tenants.scheduler")

KEY = "batchtrack:beat:leader"
LEASE = 30.0  # seconds a beat holds the lead without renewing it
RENEW_EVERY = 10.0  # a leading beat ticks at least this often

# Take the key when it is free, renew it when it is ours; answer whether it is ours.
_HOLD = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2])
  return 1
end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
return 0
"""


class BeatLeader:
    def __init__(self, url: str) -> None:
        timeout = getattr(settings, "REDIS_TIMEOUT", 0.3)
        self.client = CircuitRedis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self.token = uuid.uuid4().hex
        self.leading = False

    def hold(self) -> bool:
        """Whether this beat leads now (taking the lead if nobody holds it)."""
        try:
            leading = bool(self.client.eval(_HOLD, 1, KEY, self.token, int(LEASE * 1000)))
        except (*UNREACHABLE, redis.RedisError):
            leading = False  # the broker is down: nothing could be sent anyway
        if leading != self.leading:
            logger.info("This beat %s", "leads: it sends periodic jobs" if leading else "stands by")
        self.leading = leading
        return leading

    def release(self) -> None:
        """Give the lead up at once (a clean stop), so a standby need not wait for the lease."""
        try:
            if self.client.get(KEY) == self.token.encode():
                self.client.delete(KEY)
        except (*UNREACHABLE, redis.RedisError):
            pass
        self.leading = False
