from __future__ import annotations

import io

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    out = io.StringIO()
    # --check exits non-zero (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_test_only_djstripe_migration_matches_djstripe_models(db, settings):
    """tests/djstripe_migrations must be regenerated whenever dj-stripe is upgraded."""
    out = io.StringIO()
    call_command("makemigrations", "djstripe", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
