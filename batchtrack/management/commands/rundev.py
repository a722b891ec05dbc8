"""`make run`: migrate, seed the demo workspace, then serve the web app and a Celery worker."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from batchtrack.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_SLUG


class Command(BaseCommand):
    help = "Run BatchTrack for development (web + worker) until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port: str, **options):
        # The autoreloader re-runs this command in a child process (RUN_MAIN=true): serve only there.
        if os.environ.get("RUN_MAIN") == "true":
            call_command("runserver", f"0.0.0.0:{port}")
            return
        call_command("migrate_schemas", interactive=False, verbosity=0)
        call_command("seed_demo")
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "batchtrack",
                "worker",
                "--beat",
                "--scheduler",
                "tenants.scheduler:WorkspaceScheduler",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
            env=os.environ.copy(),
        )
        base = settings.BASE_DOMAIN
        self.stdout.write(
            self.style.SUCCESS(
                "\nBatchTrack is running.\n"
                f"  Open:      http://{base}:{port}/accounts/login/\n"
                f"  Sign in:   {DEMO_EMAIL} / {DEMO_PASSWORD}\n"
                f"  Workspace: http://{DEMO_SLUG}.{base}:{port}/\n"
                f"  Staff:     http://{base}:{port}/admin/ (create a staff user with manage.py createsuperuser)\n"
                "  Stop with Ctrl-C.\n"
            )
        )
        try:
            call_command("runserver", f"0.0.0.0:{port}")
        finally:
            worker.terminate()
            worker.wait(timeout=10)
