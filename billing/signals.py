"""What billing tells the rest of the project about its changes.

`activity` is sent inside the transaction of a billing change, once for each line it adds to the
workspace's activity log, with keyword arguments `organization`, `actor` (a staff user, or None for
the system), `action` ("billing.plan_changed", ...), `target` (what changed, in words) and `details`
(a JSON dict). The project connects it to the activity log (batchtrack.apps), so a receiver that
fails rolls the change back with it.
"""

from __future__ import annotations

from django.dispatch import Signal

activity = Signal()
