"""Containers' names and identity: pure functions, no database.

A container is described by its capacity (with unit), material, type, style and colour; its name is
generated from them, "Amber Boston Round Glass Bottle - 4 fl oz" (colour, style, material, type,
then the capacity without trailing zeros), title-cased, a word already said not repeated. Two
containers with the same description are the same container (`container_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from inventory.display import format_amount


@dataclass(frozen=True)
class ContainerSpec:
    capacity: Decimal
    capacity_unit: str
    container_type: str
    material: str = ""
    style: str = ""
    colour: str = ""


def _words(text: str) -> list[str]:
    return " ".join((text or "").split()).split(" ") if (text or "").strip() else []


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def container_name(spec: ContainerSpec) -> str:
    """ "Amber Boston Round Glass Bottle - 4 fl oz"; a repeated word ("Glass Glass Jar") once."""
    seen: set[str] = set()
    words: list[str] = []
    for part in (spec.colour, spec.style, spec.material, spec.container_type):
        for word in _words(part):
            if word.casefold() not in seen:
                seen.add(word.casefold())
                words.append(_title(word))
    return f"{' '.join(words)} - {format_amount(spec.capacity)} {spec.capacity_unit}"


def container_key(spec: ContainerSpec) -> tuple[str, ...]:
    """What makes two containers the same one: every attribute, ignoring case and spacing."""
    return (
        format(spec.capacity.normalize(), "f"),
        spec.capacity_unit,
        *(
            " ".join(_words(part)).casefold()
            for part in (spec.container_type, spec.material, spec.style, spec.colour)
        ),
    )
