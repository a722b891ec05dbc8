"""Make published recipe versions immutable in the database, as the last line of defence behind the
services: a published version's row can't be updated or deleted, and its lines can't be added,
changed or deleted, whoever issues the statement. Drafts stay free to change, and a draft may become
published (that UPDATE starts from status 'draft').

Plain SQL in RunSQL, like inventory's append-only ledger (see inventory/migrations/0002 for why not
django-pgtrigger): it runs once in every workspace schema. TRUNCATE is not refused, so test suites can
still empty the tables.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION recipes_version_published_locked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'recipe version % is published and can not be changed (%)', OLD.id, TG_OP
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Edit the recipe to get a new draft version.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER recipes_version_published_locked
    BEFORE UPDATE OR DELETE ON recipes_recipeversion
    FOR EACH ROW EXECUTE FUNCTION recipes_version_published_locked();

CREATE OR REPLACE FUNCTION recipes_line_published_locked() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    version_ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        version_ids := ARRAY[NEW.version_id];
    ELSIF TG_OP = 'DELETE' THEN
        version_ids := ARRAY[OLD.version_id];
    ELSE
        version_ids := ARRAY[OLD.version_id, NEW.version_id];
    END IF;
    IF EXISTS (
        SELECT 1 FROM recipes_recipeversion
        WHERE id = ANY(version_ids) AND status = 'published'
    ) THEN
        RAISE EXCEPTION 'the lines of a published recipe version can not be changed (%)', TG_OP
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Edit the recipe to get a new draft version.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER recipes_line_published_locked
    BEFORE INSERT OR UPDATE OR DELETE ON recipes_recipeline
    FOR EACH ROW EXECUTE FUNCTION recipes_line_published_locked();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS recipes_line_published_locked ON recipes_recipeline;
DROP FUNCTION IF EXISTS recipes_line_published_locked();
DROP TRIGGER IF EXISTS recipes_version_published_locked ON recipes_recipeversion;
DROP FUNCTION IF EXISTS recipes_version_published_locked();
"""


class Migration(migrations.Migration):
    dependencies = [("recipes", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
