"""Customers: optional on an order; a name, an email and notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from sales.errors import InvalidCustomer
from sales.models import Customer


def _clean(name: str, email: str, notes: str) -> dict:
    name = " ".join((name or "").split())
    email = (email or "").strip()
    problems = {}
    if not name:
        problems["name"] = "Give the customer a name."
    elif len(name) > 120:
        problems["name"] = "A customer's name is at most 120 characters."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = f"{email} isn't an email address. Check it or leave it empty."
    if problems:
        raise InvalidCustomer(" ".join(problems.values()), errors=problems)
    return {"name": name, "email": email.lower(), "notes": (notes or "").strip()}


def create_customer(*, name: str, email: str = "", notes: str = "") -> Customer:
    """Add a customer. Raises InvalidCustomer (no name, a bad email)."""
    return Customer.objects.create(**_clean(name, email, notes))


def update_customer(*, customer: Customer, name: str, email: str = "", notes: str = "") -> Customer:
    """Change a customer's details. Locks the customer row. Raises InvalidCustomer."""
    values = _clean(name, email, notes)
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save(update_fields=list(values))
    return locked
