from __future__ import annotations

from decimal import Decimal

from django import template

from tools.lotion import PHASES
from tools.soap import ounces

register = template.Library()


@register.filter
def oz(value_g) -> str:
    return f"{ounces(Decimal(value_g))} oz"


@register.filter
def phase(key: str) -> str:
    return PHASES.get(key, key)
