"""pg_trgm is installed once, in the public schema, and every workspace schema can use it and has
the search's trigram indexes."""

from __future__ import annotations

from django.db import connection
from django_tenants.utils import tenant_context


def test_pg_trgm_lives_in_the_public_schema(trigrams):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        )
        assert cursor.fetchall() == [("public",)]


def test_every_workspace_uses_it_and_has_the_search_indexes(trigrams, org_a, org_b):
    for organization in (org_a, org_b):
        with tenant_context(organization), connection.cursor() as cursor:
            cursor.execute("SELECT word_similarity('olve oil', 'Olive oil') > 0.6")
            assert cursor.fetchone() == (True,)
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = %s "
                "AND indexname LIKE 'search_%%_trgm' ORDER BY indexname",
                [organization.schema_name],
            )
            assert len(cursor.fetchall()) == 8
