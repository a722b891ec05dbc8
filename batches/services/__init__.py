"""Batches' services: the only code that writes plans, batches, their lines, draws, outputs, notes and
timers. Stock moves only through inventory's services."""

from batches.services.containers import fill_containers
from batches.services.finishing import OutputInput, finish_batch
from batches.services.labels import set_public_records
from batches.services.lifecycle import cancel_batch, fail_batch, start_batch
from batches.services.packaging import ContainerCount
from batches.services.planning import plan_batch
from batches.services.progress import add_extra, add_note
from batches.services.timers import complete_timer, pause_timer, resume_timer, start_timer

__all__ = [
    "ContainerCount",
    "OutputInput",
    "add_extra",
    "add_note",
    "cancel_batch",
    "complete_timer",
    "fail_batch",
    "fill_containers",
    "finish_batch",
    "pause_timer",
    "plan_batch",
    "resume_timer",
    "set_public_records",
    "start_batch",
    "start_timer",
]
