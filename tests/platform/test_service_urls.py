"""With DEBUG off, a missing DATABASE_URL or REDIS_URL stops every process with a clear error, and
nothing embedded is started (batchtrack/devservices.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], data_dir: Path, **env_changes: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    # Where embedded servers would put their data: empty afterwards means none was started.
    env.update(BATCHTRACK_DATA_DIR=str(data_dir), SECRET_KEY="x" * 60)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("debug", "unset", "message"),
    [
        (None, ("DATABASE_URL",), "Error: DATABASE_URL is not set."),  # DEBUG is off unless set
        ("false", ("DATABASE_URL", "REDIS_URL"), "Error: DATABASE_URL and REDIS_URL are not set."),
    ],
)
def test_a_command_without_a_url_exits_with_the_error_and_starts_nothing(
    tmp_path, debug, unset, message
):
    result = run(
        [sys.executable, "manage.py", "migrate"], tmp_path, **dict.fromkeys(unset), DEBUG=debug
    )
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert "Embedded development servers start only with DEBUG on" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_web_and_worker_processes_stop_at_start_up_with_the_same_error(tmp_path):
    # gunicorn imports batchtrack.wsgi; Celery's worker and beat load the same settings at start-up.
    # Even with DEBUG on, only manage.py starts embedded servers.
    result = run(
        [sys.executable, "-c", "import batchtrack.wsgi"], tmp_path, DEBUG="true", REDIS_URL=None
    )
    assert result.returncode == 1
    assert "MissingServiceURL: REDIS_URL is not set." in result.stderr
    assert list(tmp_path.iterdir()) == []
