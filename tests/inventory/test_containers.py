"""Containers: generated names, one container per description (an archived one comes back), and the
New container page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from inventory.containers import ContainerSpec, container_name
from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.services import create_container, update_item
from tests.conftest import make_member, page_text, workspace_client


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        (
            ContainerSpec(Decimal("4.000"), "fl oz", "bottle", "glass", "boston round", "amber"),
            "Amber Boston Round Glass Bottle - 4 fl oz",
        ),
        (ContainerSpec(Decimal("120"), "ml", "Jar", "Glass", "", ""), "Glass Jar - 120 ml"),
        (ContainerSpec(Decimal("0.5"), "oz", "glass jar", "glass"), "Glass Jar - 0.5 oz"),
        (ContainerSpec(Decimal("8"), "oz", "tin", colour="  silver  "), "Silver Tin - 8 oz"),
    ],
)
def test_names_come_from_the_description(spec, name):
    assert container_name(spec) == name


@pytest.fixture
def acme(org_a):
    with tenant_context(org_a):
        yield org_a


def _amber(org, **changes):
    values = {
        "organization": org,
        "capacity": "4",
        "capacity_unit": "fl oz",
        "container_type": "Bottle",
        "material": "Glass",
        "style": "Boston Round",
        "colour": "Amber",
    }
    return create_container(**{**values, **changes})


def test_a_new_container_is_counted_in_each_and_keeps_its_description(acme):
    bottle = _amber(acme)
    assert bottle.name == "Amber Boston Round Glass Bottle - 4 fl oz"
    assert (bottle.kind, bottle.stock_unit) == (Item.Kind.CONTAINER, "each")
    assert (bottle.capacity, bottle.capacity_unit) == (Decimal("4"), "fl oz")
    assert (bottle.container_material, bottle.container_colour) == ("Glass", "Amber")


def test_the_same_description_gives_back_the_same_container(acme):
    first = _amber(acme)
    again = _amber(acme, colour="amber", style="boston  round", capacity="4.0")
    assert again.pk == first.pk
    assert Item.objects.filter(kind=Item.Kind.CONTAINER).count() == 1


def test_an_archived_match_is_restored_instead_of_duplicated(acme):
    first = _amber(acme)
    update_item(item=first, is_archived=True)
    again = _amber(acme)
    assert again.pk == first.pk and again.is_archived is False
    assert Item.objects.count() == 1


def test_another_size_is_another_container(acme):
    first = _amber(acme)
    other = _amber(acme, capacity="8")
    assert other.pk != first.pk and other.name.endswith("- 8 fl oz")


def test_a_bad_description_names_every_problem_and_creates_nothing(acme):
    with pytest.raises(InvalidItem) as caught:
        _amber(acme, capacity="-1", capacity_unit="each", container_type=" ")
    assert caught.value.message == (
        "The capacity must be more than zero; -1 was given. Give the capacity in a volume or "
        "weight unit, such as fl oz, ml, oz or g. Say what kind of container it is, such as jar, "
        "tin or bottle."
    )
    assert set(caught.value.details["errors"]) == {"capacity", "capacity_unit", "container_type"}
    assert not Item.objects.exists()


def test_the_new_container_page_creates_one(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    page = page_text(client.get("/inventory/containers/new/"))
    assert "New container" in page
    response = client.post(
        "/inventory/containers/new/",
        {
            "capacity": "4",
            "capacity_unit": "fl oz",
            "container_type": "jar",
            "material": "glass",
            "colour": "clear",
            "low_stock_threshold": "10",
        },
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        jar = Item.objects.get(kind=Item.Kind.CONTAINER)
        assert jar.name == "Clear Glass Jar - 4 fl oz"
        assert jar.low_stock_threshold == Decimal("10")
    refused = page_text(
        client.post("/inventory/containers/new/", {"capacity": "x", "container_type": "jar"})
    )
    assert "New container" in refused
