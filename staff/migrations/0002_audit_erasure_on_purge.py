"""The activity log stays append-only, with one exception: purging a deleted workspace
(staff.services.lifecycle.purge_workspace) may delete that workspace's rows, and only inside the
transaction that sets `batchtrack.erasing_organization` to its id. Personal data must not outlive
the workspace; the deletion record that remains (WorkspaceDeletion) holds none.
"""

from django.db import migrations

ERASABLE = """
CREATE OR REPLACE FUNCTION tenants_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('batchtrack.erasing_organization', true) = OLD.organization_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'tenants_auditevent is append-only: % of row % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$;
"""

STRICT = """
CREATE OR REPLACE FUNCTION tenants_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tenants_auditevent is append-only: % of row % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_support_flags_errors_lifecycle"),
        ("tenants", "0003_auditevent"),
    ]

    operations = [migrations.RunSQL(ERASABLE, STRICT)]
