"""Creating containers: described by capacity (with unit), material, type, style and colour, named
from that description (`inventory.containers`), and never duplicated: asking for a container that
matches an existing one, even an archived one, gives that one back (restored)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from billing import gates
from inventory import units
from inventory.containers import ContainerSpec, container_key, container_name
from inventory.errors import InvalidItem, UnitError
from inventory.models import Item
from inventory.services.items import create_item, update_item

MAX_WORDS = 40


def create_container(
    *,
    organization,
    capacity: Decimal | int | str,
    capacity_unit: str,
    container_type: str,
    material: str = "",
    style: str = "",
    colour: str = "",
    low_stock_threshold: Decimal | int | str = 0,
    notes: str = "",
) -> Item:
    """A container item (counted in each) for this description: the existing one when its
    attributes match (an archived one is restored, counting against the item limit), else a new
    one named from them ("Amber Boston Round Glass Bottle - 4 fl oz").

    Locks the organization row first, so two makers adding the same container at once get one.
    Raises InvalidItem (every problem with the description at once), DuplicateItemName (another
    item already has the generated name) and LimitReached.
    """
    spec = _clean(capacity, capacity_unit, container_type, material, style, colour)
    with transaction.atomic():
        gates.lock_organization(organization)
        wanted = container_key(spec)
        for found in Item.objects.filter(kind=Item.Kind.CONTAINER, capacity__isnull=False):
            if container_key(spec_of(found)) == wanted:
                if found.is_archived:
                    return update_item(item=found, organization=organization, is_archived=False)
                return found
        item = create_item(
            organization=organization,
            name=container_name(spec),
            stock_unit="each",
            kind=Item.Kind.CONTAINER,
            low_stock_threshold=low_stock_threshold,
            notes=notes,
        )
        Item.objects.filter(pk=item.pk).update(
            capacity=spec.capacity,
            capacity_unit=spec.capacity_unit,
            container_type=spec.container_type,
            container_material=spec.material,
            container_style=spec.style,
            container_colour=spec.colour,
        )
        item.refresh_from_db()
    return item


def spec_of(item: Item) -> ContainerSpec:
    """A stored container's description (its capacity must be set)."""
    assert item.capacity is not None
    return ContainerSpec(
        capacity=item.capacity,
        capacity_unit=item.capacity_unit,
        container_type=item.container_type,
        material=item.container_material,
        style=item.container_style,
        colour=item.container_colour,
    )


def _clean(capacity, capacity_unit, container_type, material, style, colour) -> ContainerSpec:
    errors: dict[str, str] = {}
    amount = Decimal("0")
    try:
        amount = units.to_storage(units.parse_amount(capacity, label="capacity"))
        if amount <= 0:
            errors["capacity"] = "The capacity is too small; enter what one container holds."
    except UnitError as exc:
        errors["capacity"] = exc.message
    unit = units.standard_unit(capacity_unit or "")
    if unit is None or unit.dimension == units.Dimension.COUNT:
        errors["capacity_unit"] = (
            "Give the capacity in a volume or weight unit, such as fl oz, ml, oz or g."
        )
    words = {
        "container_type": " ".join((container_type or "").split()),
        "material": " ".join((material or "").split()),
        "style": " ".join((style or "").split()),
        "colour": " ".join((colour or "").split()),
    }
    if not words["container_type"]:
        errors["container_type"] = "Say what kind of container it is, such as jar, tin or bottle."
    for key, text in words.items():
        if len(text) > MAX_WORDS:
            errors[key] = f"Keep the {key.replace('container_', '')} to {MAX_WORDS} characters."
    if errors:
        raise InvalidItem(" ".join(errors.values()), field=next(iter(errors)), errors=errors)
    return ContainerSpec(
        capacity=amount,
        capacity_unit=unit.code if unit else "",
        container_type=words["container_type"],
        material=words["material"],
        style=words["style"],
        colour=words["colour"],
    )
