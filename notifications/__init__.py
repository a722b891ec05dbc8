"""Alerts, the in-app notification center and email digests.

A TENANT app (in TENANT_APPS): every alert is about something that lives in a workspace's schema (an
item, a lot, a batch timer), and a workspace's notifications must never be visible from another one;
keeping them in the same schema makes that true by construction, as for inventory itself. Users live in
the public schema, so rows here hold a plain `user_id` (like `Movement.actor_id`). A digest preference is
per user *and* workspace (each workspace sends its own digest), so it lives here too.

Periodic jobs (`notifications.tasks`, scheduled in settings.CELERY_BEAT_SCHEDULE and fanned out to every
active workspace by `tenants.scheduler.WorkspaceScheduler`) raise alerts; `notifications.services` is
the only writer of this app's tables.
"""
