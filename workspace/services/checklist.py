"""Remembering that a member has seen the dashboard say the checklist is done: the only writer of
ChecklistDoneSeen."""

from __future__ import annotations

from datetime import datetime

from workspace.models import ChecklistDoneSeen


def note_checklist_done_seen(*, user_id: int, now: datetime) -> None:
    """Record that `user_id` has been told the checklist is done; a second call (two tabs at once)
    changes nothing. One INSERT, no lock needed: the unique user_id settles a race."""
    ChecklistDoneSeen.objects.bulk_create(
        [ChecklistDoneSeen(user_id=user_id, seen_at=now)], ignore_conflicts=True
    )
