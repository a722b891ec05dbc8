"""The moments a money report counts between, one rule for its page and its export: whole days in
the workspace's time zone (so every member, and every file, shows the same books)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from notifications.zones import workspace_zone
from reports.exports.table import day_bounds


def books_zone(organization=None) -> ZoneInfo:
    """The zone money reports count days in: the workspace's (default: the active schema's)."""
    return workspace_zone(organization)


def report_bounds(start: date, end: date, organization=None) -> tuple[datetime, datetime]:
    """[`start` 00:00, the day after `end` 00:00) in the workspace's zone."""
    return day_bounds(start, end, books_zone(organization))


def end_of_day(day: date, organization=None) -> datetime:
    """The moment `day` ends in the workspace's zone (a valuation "at the end of" it)."""
    return day_bounds(day, day, books_zone(organization))[1]
