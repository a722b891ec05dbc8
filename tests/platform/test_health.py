"""/healthz and /readyz answer the load balancer: over plain http, by IP address, on every host."""

from __future__ import annotations

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from batchtrack import health


def test_healthz_answers_over_http_by_ip_with_production_settings(db, settings):
    # What the production settings say (test_security checks that they do): HTTPS redirect on, only
    # BASE_DOMAIN and its subdomains allowed; and a probe speaking plain http to an IP address.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["batchtrack.example", ".batchtrack.example"]
    probe = Client(HTTP_HOST="10.0.0.7")
    response = probe.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert probe.head("/healthz").status_code == 200
    assert probe.get("/readyz").status_code == 200
    # Any other page shows what the probe is spared: the host check, then the HTTPS redirect.
    assert probe.get("/accounts/login/").status_code == 400
    assert Client(HTTP_HOST="batchtrack.example").get("/accounts/login/").status_code == 301


@pytest.mark.parametrize("host", ["10.0.0.7", "localhost", "acme.localhost", "no-such.localhost"])
def test_healthz_answers_on_every_host(db, host):
    response = Client(HTTP_HOST=host).get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_readyz_reports_each_dependency(db):
    response = Client(HTTP_HOST="10.0.0.7").get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "database": "ok",
        "migrations": "ok",
        "redis": "ok",
    }


def test_readyz_reports_redis_down_but_stays_ready(db, redis_outage):
    redis_outage.stop()
    response = Client(HTTP_HOST="10.0.0.7").get("/readyz")
    assert response.status_code == 200
    assert response.json()["redis"] == "unavailable"


def test_readyz_reports_redis_frozen_but_stays_ready(db, redis_outage):
    redis_outage.freeze()
    try:
        response = Client(HTTP_HOST="10.0.0.7").get("/readyz")
    finally:
        redis_outage.thaw()
    assert response.status_code == 200
    assert response.json()["redis"] == "unavailable"


def test_readyz_is_not_ready_with_a_migration_pending(db, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    # Rolled back with the test: the newest outbox migration is "not applied" meanwhile.
    newest = MigrationRecorder.Migration.objects.filter(app="outbox").order_by("-id").first()
    newest.delete()
    response = Client(HTTP_HOST="10.0.0.7").get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "ready": False,
        "database": "ok",
        "migrations": "pending",
        "redis": "ok",
    }
