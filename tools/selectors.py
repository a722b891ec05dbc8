"""Reads for the calculators: the ingredient library's soap oils and candle waxes."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Lower

from library.models import LibraryItem


def soap_oils() -> QuerySet[LibraryItem]:
    """Active oils and butters with a SAP value, by name."""
    return LibraryItem.objects.filter(
        is_active=True, category__in=["oil", "butter"], sap_naoh__isnull=False
    ).order_by(Lower("name"))


def candle_waxes() -> QuerySet[LibraryItem]:
    return LibraryItem.objects.filter(is_active=True, category="wax").order_by(Lower("name"))


def library_match(name: str) -> LibraryItem | None:
    """The active library item with exactly this name (ignoring case), if any."""
    return LibraryItem.objects.filter(is_active=True, name__iexact=(name or "").strip()).first()
