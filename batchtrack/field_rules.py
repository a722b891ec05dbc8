"""Cleaning a record's fields by per-field rules, every problem collected before one refusal.

An app declares its rules once (`inventory/item_rules.py`, `purchasing/supplier_rules.py`): a cleaner per
field that returns the stored value or raises `Refused` with the words the maker reads. Forms, imports
and services all clean through them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

T = TypeVar("T")


class Refused(ValueError):
    """One field's problem, in the words the maker reads."""


def flag(value) -> bool:
    if not isinstance(value, bool):
        raise Refused("Choose yes or no.")
    return value


def clean_fields(
    values: Mapping[str, Any],
    cleaners: Mapping[str, Callable[[Any], Any]],
    refusal: type[Exception],
) -> dict[str, Any]:
    """The given fields cleaned as stored. Collects every problem and raises one `refusal`: its
    message joins them, `field` is the first field with a problem and `details["errors"]` maps each
    field to its message."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for key, cleaner in cleaners.items():
        if key not in values:
            continue
        try:
            clean[key] = cleaner(values[key])
        except Refused as exc:
            errors[key] = str(exc)
    if errors:
        raise refusal(" ".join(errors.values()), field=next(iter(errors)), errors=errors)
    return clean


def require_unique_name(
    active: QuerySet, name: str, refusal: Callable[[str], Exception], exclude: int | None = None
) -> None:
    """Raise `refusal(name)` when a row of `active` (the records still in use) has `name`, in any
    case; `exclude` is the record being renamed. The database's unique index is the last word, for
    two requests racing."""
    clash = active.filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise refusal(name)


def write_unique_name(write: Callable[[], T], name: str, refusal: Callable[[str], Exception]) -> T:
    """`write()` in a savepoint; the unique index refusing it (someone took `name` between the check
    above and the write) becomes `refusal(name)`, and the caller's transaction stays usable."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        raise refusal(name) from None
