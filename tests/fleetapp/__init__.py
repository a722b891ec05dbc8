"""A workspace app that exists only in the test settings, so the fleet migrate (tenants/fleet.py)
can be given a real new migration: `next_migrations` is `migrations` plus one AddField, switched
in with MIGRATION_MODULES (tests/tenancy/test_fleet_migrate.py)."""
