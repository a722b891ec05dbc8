"""The rules for a supplier's fields, written once. No database.

`create_supplier` and `update_supplier` clean every value through `clean_supplier_fields`, and the
supplier form asks the same function, so the form shows the services' own words. Lengths come from
the model's columns.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from batchtrack.field_rules import Refused, clean_fields, flag
from purchasing.errors import InvalidSupplier
from purchasing.models import Supplier

MAX_LEAD_TIME_DAYS = 365


def _length(name: str) -> int:
    return Supplier._meta.get_field(name).max_length  # type: ignore[return-value]


def _line(value, name: str, label: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > _length(name):
        raise Refused(f"The {label} can be at most {_length(name)} characters long.")
    return text


def _name(value) -> str:
    name = _line(value, "name", "name")
    if not name:
        raise Refused("Give the supplier a name.")
    return name


def _email(value) -> str:
    email = _line(value, "email", "email address")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(f"'{email}' isn't an email address.")
    return email


def _lead_time(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("Give the lead time as a whole number of days.")
    if not 0 <= value <= MAX_LEAD_TIME_DAYS:
        raise Refused(f"The lead time is a number of days from 0 to {MAX_LEAD_TIME_DAYS}.")
    return value


_CLEANERS = {
    "name": _name,
    "contact_name": lambda value: _line(value, "contact_name", "contact's name"),
    "email": _email,
    "phone": lambda value: _line(value, "phone", "phone number"),
    "website": lambda value: _line(value, "website", "website"),
    "notes": lambda value: str(value or "").strip(),
    "lead_time_days": _lead_time,
    "is_archived": flag,
}


def clean_supplier_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The given fields cleaned as stored. Collects every problem and raises one InvalidSupplier:
    its message joins them, `field` is the first field with a problem and `details["errors"]` maps
    each field to its message."""
    return clean_fields(values, _CLEANERS, InvalidSupplier)
