"""Send background work that could not be queued (e.g. while Redis was down)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from outbox.services import flush_outbox


class Command(BaseCommand):
    help = "Send every outbox message that has not reached the broker yet."

    def handle(self, *args, **options):
        result = flush_outbox()
        self.stdout.write(f"Sent {result.sent} message(s); {result.waiting} still waiting.")
        if result.waiting:
            self.stderr.write("The broker is still unreachable for some messages; run again later.")
