"""Celery beat scheduler: fans periodic jobs out to active workspaces only, and catches up runs it
could not send.

tenant-schemas-celery sends an entry to each schema and logs a traceback for every send that fails,
so with Redis unreachable one entry wrote a traceback per workspace, and the runs were lost (beat
had already moved the entry on). Here the sends of an entry stop at the first broker failure (the
broker's circuit, batchtrack/redis_circuit.py, logs the outage once), crontab entries record where
they were sent (outbox/periodic.py), and about once a minute beat sends, once, every run whose time
passed unsent: after an outage, as soon as the broker answers again; after beat itself was down, at
start-up.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from celery.beat import SchedulingError
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context
from kombu.exceptions import OperationalError
from tenant_schemas_celery.scheduler import TenantAwareScheduler

from batchtrack.redis_circuit import UNREACHABLE, circuit_for_url
from outbox import periodic
from tenants.beat_leader import RENEW_EVERY, BeatLeader
from tenants.models import Organization

logger = logging.getLogger("tenants.scheduler")

# What a send that could not reach the broker raises: beat wraps the broker's error.
_BROKER_ERRORS = (SchedulingError, OperationalError, *UNREACHABLE)


class WorkspaceScheduler(TenantAwareScheduler):
    # Seconds between looks for missed runs (one query per crontab entry).
    catch_up_every = 60.0
    _next_catch_up = 0.0

    @classmethod
    def get_queryset(cls):
        # Suspended workspaces get no alerts or audits; the public schema is handled by the mixin.
        return Organization.objects.filter(status=Organization.Status.ACTIVE)

    def schemas_for(self, entry) -> list[str]:
        """The schemas an entry runs in: every active workspace, or the ones it names (as the
        tenant-schemas-celery mixin decides)."""
        tenants = self.get_queryset()
        headers = entry.options.setdefault("headers", {})
        if headers.get("_all_tenants_only"):
            tenants = tenants.exclude(schema_name=get_public_schema_name())
        else:
            tenants = tenants.filter(schema_name=headers["_schema_name"])
        return list(tenants.order_by("schema_name").values_list("schema_name", flat=True))

    _leader: BeatLeader | None = None

    @property
    def leader(self) -> BeatLeader:
        if self._leader is None:
            self._leader = BeatLeader(self.app.conf.broker_url)
        return self._leader

    def apply_entry(self, entry, producer=None) -> None:
        if not self.leader.hold():  # another beat leads (tenants/beat_leader.py)
            logger.debug("Standing by: %s is sent by the leading beat", entry.name)
            return
        schemas = self.schemas_for(entry)
        logger.info(
            "Sending due task %s (%s) to %d schema(s)", entry.name, entry.task, len(schemas)
        )
        self.send(entry, schemas, producer=producer)

    def send(
        self, entry, schemas: list[str], *, producer=None, at: datetime | None = None
    ) -> list[str]:
        """Send `entry` to each of `schemas` in turn until the broker fails; the schemas it reached
        (recorded as sent `at`, by default now, for a crontab entry: the rest are caught up
        later)."""
        circuit = circuit_for_url(self.app.conf.broker_url)
        sent: list[str] = []
        try:
            for schema in schemas:
                with circuit.attempt(_BROKER_ERRORS), schema_context(schema):
                    self.apply_async(entry, producer=producer, advance=False)
                sent.append(schema)
        except _BROKER_ERRORS as exc:
            logger.info(
                "%s reached %d of %d schema(s); the broker is unreachable (%s)",
                entry.name,
                len(sent),
                len(schemas),
                exc.__class__.__name__,
            )
        if sent and periodic.catches_up(entry.schedule):
            periodic.record_sent(entry.task, sent, at=at)
        return sent

    def tick(self, *args, **kwargs):
        leading = self.leader.hold()
        if leading and time.monotonic() >= self._next_catch_up:
            self._next_catch_up = time.monotonic() + self.catch_up_every
            self.catch_up()
        # Wake up often enough to renew the lead (or to notice it is free).
        return min(super().tick(*args, **kwargs), RENEW_EVERY)

    def close(self) -> None:
        if self._leader is not None:
            self._leader.release()
        super().close()

    def catch_up(self, *, now: datetime | None = None) -> int:
        """Send, once, each crontab entry's runs missed in any schema; how many were sent."""
        now = now or timezone.now()
        total = 0
        for entry in list(self.schedule.values()):
            if not periodic.catches_up(entry.schedule):
                continue
            late = periodic.missed(entry.task, entry.schedule, self.schemas_for(entry), now=now)
            # While the broker is still unreachable the first send fails at once (its circuit).
            sent = self.send(entry, late, producer=self.producer, at=now) if late else []
            if sent:
                logger.warning(
                    "Caught up %s, missed in %d schema(s) while it could not be sent",
                    entry.name,
                    len(sent),
                )
            total += len(sent)
        return total
