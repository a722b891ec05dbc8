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
