"""Money in the workspace's currency, one format everywhere (batchtrack.money), and unit costs per
the unit the maker buys in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batchtrack.money import (
    currency_choices,
    currency_from_accept_language,
    currency_symbol,
    format_money,
    format_unit_cost,
    format_unit_money,
    workspace_currency,
)
from inventory import services
from reports.exports.pdf_layout import money_text, unit_money_text
from tenants.errors import WorkspaceSettingsError
from tenants.models import Organization
from tenants.services.organizations import update_workspace_settings
from tenants.services.provisioning import provision_workspace
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.conftest import make_member, make_user, page_text, public_client, workspace_client
from tests.inventory.factories import ItemFactory, stock

D = Decimal


def in_currency(organization, code: str):
    return update_workspace_settings(
        organization=organization,
        name=organization.name,
        time_zone=organization.time_zone,
        currency=code,
    )


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (D("1234.5"), "USD", "$1,234.50"),
        (D("1234.5"), "EUR", "€1,234.50"),
        (D("9"), "GBP", "£9.00"),
        (D("-5"), "EUR", "-€5.00"),
        (D("13.519999"), "USD", "$13.52"),
        (D("1234.5"), "JPY", "¥1,235"),
        (D("9"), "CAD", "CA$9.00"),
    ],
)
def test_money_uses_the_currencys_symbol_and_decimals(value, currency, shown):
    assert format_money(value, currency) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("0.015000"), "€0.0150"),
        (D("0.000040"), "€0.000040"),
        (D("0.020000"), "€0.02"),
        (D("1.3220339"), "€1.32"),
    ],
)
def test_a_cost_per_unit_keeps_what_cents_would_hide(value, shown):
    assert format_unit_money(value, "EUR") == shown


def test_documents_limited_to_latin1_write_a_symbol_they_lack_as_its_code(acme):
    in_currency(acme, "EUR")
    with tenant_context(Organization.objects.get(pk=acme.pk)):
        assert (money_text(D("9")), unit_money_text(D("0.015"))) == ("EUR 9.00", "EUR 0.0150")
    assert format_money(D("9"), "GBP", latin1=True) == "£9.00"


@pytest.mark.parametrize(
    ("header", "currency"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "EUR"),
        ("en-GB,en;q=0.9", "GBP"),
        ("fr", "EUR"),
        ("en-US", "USD"),
        ("ja", "JPY"),
        ("en;q=0.5, pt-BR", "BRL"),
        ("", "USD"),
        ("xx-QQ, *", "USD"),
        ("en-AU;q=bad", "USD"),
    ],
)
def test_the_currency_at_sign_up_comes_from_the_browsers_country(header, currency):
    assert currency_from_accept_language(header) == currency


def test_the_currency_list_names_each_currency_with_its_code():
    choices = dict(currency_choices())
    assert choices["EUR"] == "Euro (EUR, €)"
    assert "XXX" not in choices  # Babel's "unknown currency" is no one's money


def test_a_new_workspace_takes_the_currency_it_is_given(ready_spare):
    org = provision_workspace(
        name="Savon Lyon", slug="savon-lyon", owner=make_user(), currency="EUR"
    )
    assert Organization.objects.get(pk=org.pk).currency == "EUR"
    with tenant_context(org):
        assert workspace_currency() == "EUR"


def test_signing_up_sets_the_currency_from_the_browsers_language(ready_spare):
    client = public_client()
    data = signup_data(organization_name="Savons de Marie", slug="savons-marie")
    response = client.post(SIGNUP, data, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302, page_text(response)
    assert Organization.objects.get(slug="savons-marie").currency == "EUR"


def test_workspace_settings_change_the_currency_and_record_it(acme):
    org = in_currency(acme, "eur")
    assert Organization.objects.get(pk=acme.pk).currency == "EUR" == org.currency


def test_an_unknown_currency_is_refused_and_nothing_changes(acme):
    with pytest.raises(WorkspaceSettingsError) as refused:
        in_currency(acme, "ZZZ")
    assert refused.value.field == "currency"
    assert refused.value.message == (
        "ZZZ is not a currency we know. Pick one from the list, such as USD or EUR."
    )
    assert Organization.objects.get(pk=acme.pk).currency == "USD"


def test_the_settings_page_saves_the_currency(acme):
    client = workspace_client(make_member(acme, "owner"), acme)
    response = client.post(
        "/settings/workspace/", {"name": acme.name, "time_zone": acme.time_zone, "currency": "GBP"}
    )
    assert response.status_code == 302
    assert Organization.objects.get(pk=acme.pk).currency == "GBP"


def test_a_euro_workspace_shows_euros_on_its_pages(acme):
    in_currency(acme, "EUR")
    oil = ItemFactory(name="Euro olive oil", stock_unit="g", purchase_unit="kg")
    stock(oil, 2000, "0.009")
    client = workspace_client(make_member(acme, "viewer"), acme)

    text = page_text(client.get(f"/inventory/items/{oil.pk}/"))

    assert "€9.00/kg" in text
    assert "$" not in text


def test_forms_name_the_workspace_currency_in_money_labels(acme):
    in_currency(acme, "EUR")
    with tenant_context(Organization.objects.get(pk=acme.pk)):
        from inventory.receive_forms import ReceiveForm

        assert currency_symbol() == "€"
        assert ReceiveForm().fields["unit_cost"].label == "Cost per unit (€)"


@pytest.mark.parametrize(
    ("cost", "stock_unit", "purchase_unit", "density", "shown"),
    [
        (D("0.009"), "g", "kg", None, "$9.00/kg"),
        (D("0.009"), "g", "", None, "$0.0090/g"),
        (D("0.009"), "g", "g", None, "$0.0090/g"),
        (D("0.01"), "g", "l", D("0.91"), "$9.10/l"),
        (D("0.01"), "g", "l", None, "$0.01/g"),  # no density: per the stock unit
    ],
)
def test_unit_costs_show_per_the_unit_the_maker_buys_in(
    cost, stock_unit, purchase_unit, density, shown
):
    assert (
        format_unit_cost(
            cost,
            stock_unit=stock_unit,
            purchase_unit=purchase_unit,
            density=density,
            currency="USD",
        )
        == shown
    )


def test_the_item_page_shows_costs_per_purchase_unit(acme):
    oil = ItemFactory(name="Bulk olive oil", stock_unit="g", purchase_unit="kg")
    lot = stock(oil, 5000, "0.009")
    services.consume(item=oil, quantity=100)
    client = workspace_client(make_member(acme, "viewer"), acme)

    text = page_text(client.get(f"/inventory/items/{oil.pk}/"))

    assert "$9.00/kg" in text
    assert "/g" not in text.replace(f"{lot.code}", "")


def test_a_custom_purchase_unit_converts_through_the_workspaces_units(acme):
    services.create_custom_unit(name="jug", quantity="5", unit="kg")
    oil = ItemFactory(name="Jug olive oil", stock_unit="g", purchase_unit="jug")
    stock(oil, 5000, "0.002")
    client = workspace_client(make_member(acme, "viewer"), acme)

    assert "$10.00/jug" in page_text(client.get(f"/inventory/items/{oil.pk}/"))


def test_a_unit_cost_without_its_item_is_shown_per_unit(acme):
    from django.template import Context, Template

    text = Template(
        "{% load inventory_format %}{{ cost|unit_cost:missing }} {{ none|unit_cost:x }}"
    )
    assert text.render(Context({"cost": D("0.5"), "missing": None, "x": None})) == "$0.50 —"


def test_tasks_and_schema_contexts_read_the_currency_by_schema(acme):
    from django_tenants.utils import schema_context

    in_currency(acme, "GBP")
    with schema_context(acme.schema_name):
        assert workspace_currency() == "GBP"
        assert format_money(D("2")) == "£2.00"
    with schema_context("public"):
        assert workspace_currency() == "USD"
