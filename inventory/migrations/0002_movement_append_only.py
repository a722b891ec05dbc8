"""Make the stock ledger append-only in the database: UPDATE or DELETE of an inventory_movement row
raises, whoever issues it (ORM, raw SQL, admin, a psql session).

The trigger (batchtrack.db.append_only) is plain SQL in a RunSQL operation rather than django-pgtrigger (which ARCHITECTURE.md
suggests): pgtrigger installs its triggers by patching the migrate command and the migration autodetector,
and that clashes with django-tenants' `migrate_schemas` (our TENANT_BASE_MIGRATE_COMMAND runs migrate per
schema). A RunSQL in this tenant app's migration runs once in every workspace schema, like any other DDL,
and the TenantSyncRouter keeps it out of the public schema.

The function is created unqualified, so it lands in the workspace schema being migrated (first on the
search_path). Only row-level UPDATE/DELETE are refused: TRUNCATE stays possible, so test suites and a
deliberate schema reset can still empty the table.
"""

from django.db import migrations

from batchtrack.db import append_only


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [
        append_only(
            "inventory_movement", hint="Correct the ledger with a new, compensating movement."
        )
    ]
