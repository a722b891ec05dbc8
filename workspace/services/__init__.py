"""The workspace app's only writes: sample-data jobs and the checklist's "done" seen once.
Everything else goes through the apps' services."""

from workspace.services.checklist import note_checklist_done_seen
from workspace.services.sample_data import request_sample_data, run_sample_data

__all__ = ["note_checklist_done_seen", "request_sample_data", "run_sample_data"]
