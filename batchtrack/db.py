"""Database-level guarantees shared by several apps' migrations."""

from __future__ import annotations

from django.db import migrations


def append_only(table: str, *, hint: str = "") -> migrations.RunSQL:
    """A RunSQL that makes `table` append-only: row-level UPDATE and DELETE raise, whoever issues them
    (ORM, admin, raw SQL). TRUNCATE stays possible (test suites, a deliberate reset).

    Plain SQL rather than django-pgtrigger, which patches the migrate autodetector and clashes with
    django-tenants' migrate command. The function is created unqualified, so in a workspace app it lands
    in the schema being migrated. Keep this function's output stable: applied migrations call it.
    """
    function = f"{table}_append_only"
    hint_clause = f",\n              HINT = '{hint}'" if hint else ""
    forward = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only: % of row % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation'{hint_clause};
END;
$$;
CREATE TRIGGER {function}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    backward = f"""
DROP TRIGGER IF EXISTS {function} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return migrations.RunSQL(forward, backward)


# pg_trgm (typo-tolerant search) is installed once per database, in the public schema: every
# workspace's search_path is `<workspace>, public`, so its functions, operators and operator classes
# are found from every schema. WITH SCHEMA public keeps it there whichever schema migrates first (an
# unqualified CREATE EXTENSION run inside a workspace would put it in that workspace alone). A server
# that doesn't ship it (the embedded development server) gets no extension and no trigram indexes;
# batchtrack.search then matches without typo tolerance.
TRIGRAM_EXTENSION_SQL = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    END IF;
END $$;
"""


def trigram_extension() -> migrations.RunSQL:
    """A RunSQL that makes sure pg_trgm exists in the public schema when the server has it
    (idempotent; kept on reverse, since other schemas' indexes use it). Keep its output stable:
    applied migrations call it."""
    return migrations.RunSQL(TRIGRAM_EXTENSION_SQL, migrations.RunSQL.noop)


def trigram_index(name: str, table: str, column: str) -> migrations.RunSQL:
    """A RunSQL adding a trigram GIN index on `table.column` (or an expression in parentheses) of the
    schema being migrated (when pg_trgm is installed), for `%>` (word similarity) and LIKE '%...%'. The operator class
    is named with its schema, so it resolves whatever the search_path. Keep its output stable:
    applied migrations call it."""
    return migrations.RunSQL(
        f"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} public.gin_trgm_ops);
    END IF;
END $$;
""",
        f"DROP INDEX IF EXISTS {name};",
    )
