"""Batch pages, one module per page group: `batch` (list, plan, the batch page and its actions,
the record), `timers`, `trace` (a lot's trace and recall). See batchtrack.view_helpers for the rule."""
