"""Make the stock ledger append-only in the database: UPDATE or DELETE of an inventory_movement row
raises, whoever issues it (ORM, raw SQL, admin, a psql session).

The trigger is plain SQL in a RunSQL operation rather than django-pgtrigger (which ARCHITECTURE.md
suggests): pgtrigger installs its triggers by patching the migrate command and the migration autodetector,
and that clashes with django-tenants' `migrate_schemas` (our TENANT_BASE_MIGRATE_COMMAND runs migrate per
schema). A RunSQL in this tenant app's migration runs once in every workspace schema, like any other DDL,
and the TenantSyncRouter keeps it out of the public schema.

The function is created unqualified, so it lands in the workspace schema being migrated (first on the
search_path). Only row-level UPDATE/DELETE are refused: TRUNCATE stays possible, so test suites and a
deliberate schema reset can still empty the table.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION inventory_movement_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'inventory_movement is append-only: % of movement % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation',
              HINT = 'Correct the ledger with a new, compensating movement.';
END;
$$;
CREATE TRIGGER inventory_movement_append_only
    BEFORE UPDATE OR DELETE ON inventory_movement
    FOR EACH ROW EXECUTE FUNCTION inventory_movement_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS inventory_movement_append_only ON inventory_movement;
DROP FUNCTION IF EXISTS inventory_movement_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
