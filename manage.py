#!/usr/bin/env python
from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batchtrack.settings")
    from batchtrack.devservices import MissingServiceURL, ensure_env

    # Development convenience: embedded PostgreSQL/Redis when no URLs are configured and DEBUG is on.
    try:
        ensure_env()
    except MissingServiceURL as exc:
        sys.exit(f"Error: {exc}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
