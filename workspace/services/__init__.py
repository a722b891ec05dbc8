"""The workspace app's only writes: sample-data jobs. Everything else goes through the apps' services."""

from workspace.services.sample_data import request_sample_data, run_sample_data

__all__ = ["request_sample_data", "run_sample_data"]
