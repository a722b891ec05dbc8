"""What waits in Celery's default queue on a test's own Redis, and running it as a worker would."""

from __future__ import annotations

import base64
import json

from batchtrack.celery import app


def queued(redis) -> list[dict]:
    """The messages waiting in Celery's default queue, oldest first."""
    messages = []
    for raw in reversed(redis.client().lrange("celery", 0, -1)):
        envelope = json.loads(raw)
        args, kwargs, _ = json.loads(base64.b64decode(envelope["body"]))
        headers = envelope["headers"]
        messages.append(
            {
                "task": headers["task"],
                "schema": headers["_schema_name"],
                "args": args,
                "kwargs": kwargs,
            }
        )
    return messages


def run_queued(redis) -> list:
    """Take every waiting message off the queue and run its task in its schema, as a worker would;
    the tasks' results, in order."""
    messages = queued(redis)
    redis.client().delete("celery")
    app.loader.import_default_modules()  # every app's tasks, as a worker has them
    return [
        app.tasks[m["task"]]
        .apply(m["args"], m["kwargs"], headers={"_schema_name": m["schema"]})
        .get()
        for m in messages
    ]
