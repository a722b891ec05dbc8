"""The sales pages: who may read, fulfil and see money; the plan gate; the pages render the figures."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from sales.models import Order
from sales.services import LineInput, create_order
from tenants.models import Organization
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import stock
from tests.sales.conftest import make_sku


def _order(org):
    with tenant_context(org):
        sku = make_sku()
        stock(sku.item, "5", "2.00")
        return create_order(lines=[LineInput(sku=sku, quantity="2")])


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("production", 302)])
def test_production_fulfils_and_viewers_only_read(org_a, role, status):
    order = _order(org_a)
    client = workspace_client(make_member(org_a, role), org_a)
    assert client.get(f"/sales/orders/{order.pk}/").status_code == 200
    assert client.post(f"/sales/orders/{order.pk}/fulfil/").status_code == status
    with tenant_context(org_a):
        fulfilled = Order.objects.get(pk=order.pk).status == Order.Status.FULFILLED
    assert fulfilled == (role == "production")


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("admin", 200), ("production", 403)])
def test_money_reports_are_for_owners_and_admins(org_a, role, status):
    client = workspace_client(make_member(org_a, role), org_a)
    assert client.get("/sales/reports/year-end/").status_code == status


def test_a_plan_without_the_report_says_which_plan_has_it(org_a):
    Organization.objects.filter(pk=org_a.pk).update(tier="free", billing_status="active")
    client = workspace_client(make_member(org_a, "owner"), org_a)
    text = page_text(client.get("/sales/reports/year-end/"))
    assert "Your plan doesn't include this report. The Pro plan" in text


def test_on_pro_the_year_end_summary_links_each_figure(org_a):
    Organization.objects.filter(pk=org_a.pk).update(tier="pro", billing_status="active")
    _order(org_a)
    client = workspace_client(make_member(org_a, "owner"), org_a)
    response = client.get("/sales/reports/year-end/?year=2030")
    assert response.status_code == 200
    assert "/sales/reports/year-end/2030/purchases/" in response.content.decode()
    for path in ("sales/", "cost-of-goods/", "valuation/?on=2030-01-01", "year-end/2030/sold/"):
        assert client.get(f"/sales/reports/{path}").status_code == 200, path


def test_the_sku_page_records_a_sale_as_an_order(org_a):
    with tenant_context(org_a):
        sku = make_sku()
        stock(sku.item, "5", "2.00")
    client = workspace_client(make_member(org_a, "production"), org_a)
    response = client.post(
        f"/products/skus/{sku.pk}/deduct/", {"kind": "sold", "quantity": "2"}, follow=True
    )
    assert "Recorded: sold 2 of BAR (order O-" in page_text(response)
    with tenant_context(org_a):
        order = Order.objects.get()
    assert order.customer is None and order.status == Order.Status.FULFILLED


def test_new_order_form_names_the_bad_line(org_a):
    with tenant_context(org_a):
        sku = make_sku()
    client = workspace_client(make_member(org_a, "production"), org_a)
    response = client.post(
        "/sales/orders/new/", {"line1-sku": sku.pk, "line1-quantity": "3", "hold": "on"}
    )
    assert response.status_code == 400
    assert "Row 1 (BAR): it needs 3 pieces and only 0 pieces are ready to use" in page_text(
        response
    )


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("sales/?start=1999-12-31&end=9999-12-31", 'name="sales_profit-end" value="2100-12-31"'),
        ("cost-of-goods/?start=0001-01-01", 'name="cost_of_goods-start" value="2000-01-01"'),
        ("valuation/?on=9999-12-31", 'name="valuation-on" value="2100-12-31"'),
    ],
)
def test_a_day_out_of_reach_is_moved_into_it_not_a_crash(org_a, path, shown):
    Organization.objects.filter(pk=org_a.pk).update(tier="pro", billing_status="active")
    client = workspace_client(make_member(org_a, "owner"), org_a)
    response = client.get(f"/sales/reports/{path}")
    assert response.status_code == 200
    assert shown in response.content.decode()
