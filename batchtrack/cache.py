"""The Redis cache backend, failing open when Redis is unreachable.

django-redis with IGNORE_EXCEPTIONS already turns an outage into cache misses. One call still fails
closed: `add()` returns None, which allauth's rate limits read as "the lock is taken" (every sign-in,
sign-up and password reset then answers 429 after a one-second wait) and django-ratelimit as "no
counter". Here `add()` reports success during an outage instead, so those limits let requests through
until Redis is back (the choice RATELIMIT_FAIL_OPEN makes for django-ratelimit). Nothing in BatchTrack
uses `add()` as a once-only guard; code that needs one must use the database.
"""

from __future__ import annotations

from django_redis.cache import RedisCache, omit_exception


class FailOpenRedisCache(RedisCache):
    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)
