"""Expiry dates and shelf lives in words, as the maker would say them: 360 days -> "12 months",
an expiry -> "12 Mar 2027" (in the active time zone). No database."""

from __future__ import annotations

from datetime import datetime

from django.utils import dateformat, timezone


def shelf_life_words(days: int) -> str:
    """Whole years, months (of 30 days) or weeks when the days divide evenly, else days."""
    count, name = days, "day"
    for size, unit in ((365, "year"), (30, "month"), (7, "week")):
        if days % size == 0:
            count, name = days // size, unit
            break
    return f"{count} {name}{'' if count == 1 else 's'}"


def day_words(moment: datetime) -> str:
    """The day of an aware datetime in the active time zone: 12 Mar 2027."""
    return dateformat.format(timezone.localtime(moment), "j M Y")
