from __future__ import annotations

from django.core.management.base import BaseCommand

from publicsite.services import sync_help_articles


class Command(BaseCommand):
    help = "Copy the help articles (publicsite/articles/*.md) into the search table."

    def handle(self, *args, **options):
        count = sync_help_articles()
        self.stdout.write(f"{count} help articles synced.")
