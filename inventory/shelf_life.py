"""Shelf lives: the one rule for how long one can be (items, recipes and product SKUs all ask it), and
expiry dates and shelf lives in words, as the maker would say them: 360 days -> "12 months", an
expiry -> "12 Mar 2027" (in the active time zone). No database."""

from __future__ import annotations

from datetime import datetime

from django.utils import dateformat, timezone

MAX_SHELF_LIFE_DAYS = 36500  # 100 years: an expiry date that far out still fits a datetime
SHELF_LIFE_RULE = f"Shelf life is a whole number of days from 1 to {MAX_SHELF_LIFE_DAYS}, or empty."


def clean_shelf_life(value: object) -> int | None:
    """A shelf life as stored: None for none (None or ""), else whole days from 1 to
    MAX_SHELF_LIFE_DAYS. Raises ValueError(SHELF_LIFE_RULE) for anything else; the caller's service
    turns it into its own domain error."""
    if value is None or value == "":
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= MAX_SHELF_LIFE_DAYS
    ):
        raise ValueError(SHELF_LIFE_RULE)
    return value


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
