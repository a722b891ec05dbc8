"""Tags: the maker's own labels on items and recipes ("summer", "wholesale"), one rule for both.

A tag is stored lower case, with its spaces collapsed, at most TAG_MAX_LENGTH characters; a record
has at most MAX_TAGS, each once. Forms take them comma-separated (`split_tags`); lists offer the tags
in use as a filter (`tags_in_use`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Func, QuerySet

from batchtrack.field_rules import Refused

MAX_TAGS = 20
# At most this many tags are offered as filters (a workspace's labels, not a vocabulary).
MAX_OFFERED = 100
TAG_MAX_LENGTH = 40


def clean_tags(tags: Iterable[str] | None, *, owner: str = "An item") -> list[str]:
    """The tags as stored, in the order given, repeats dropped; raises Refused past MAX_TAGS."""
    seen: list[str] = []
    for tag in tags or ():
        text = " ".join(str(tag).split()).lower()[:TAG_MAX_LENGTH].strip()
        if text and text not in seen:
            seen.append(text)
    if len(seen) > MAX_TAGS:
        raise Refused(f"{owner} can have at most {MAX_TAGS} tags.")
    return seen


def split_tags(text: str) -> list[str]:
    """Tags typed in one box, separated by commas."""
    return [part for part in (text or "").split(",") if part.strip()]


def clean_tag_filter(text: str) -> str:
    """A tag asked for in a list's filter, in its stored form ("" for none)."""
    return " ".join((text or "").split()).lower()[:TAG_MAX_LENGTH].strip()


def tags_in_use(rows: QuerySet, field: str = "tags") -> list[str]:
    """The distinct tags in the `field` array of `rows`, alphabetically, at most MAX_OFFERED."""
    tags = (
        rows.order_by()
        .annotate(tag=Func(F(field), function="unnest"))
        .values_list("tag", flat=True)
        .distinct()
    )
    return sorted(tags[: MAX_OFFERED + 1])[:MAX_OFFERED]
