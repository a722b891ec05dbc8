"""Purchases by supplier and period: exactly the receipts' cents, per supplier and month; a money
report for owners and admins."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from purchasing.selectors import purchases_by_supplier
from purchasing.services import ReceiptLineInput as Line
from purchasing.services import create_supplier, record_receipt
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item
from tests.reports.conftest import on_tier

UTC = ZoneInfo("UTC")


@pytest.fixture
def bought(acme, oleo):
    tropic = create_supplier(name="Tropic Fats")
    oil = make_item("Olive oil")

    def buy(supplier, day, cost, **extras):
        record_receipt(
            supplier=supplier,
            lines=[Line(oil.pk, "1000", cost)],
            received_at=datetime(*day, 12, tzinfo=UTC),
            **extras,
        )

    buy(oleo, (2026, 1, 10), "10.00", shipping="1.10")
    buy(oleo, (2026, 1, 20), "20.00", tax="2.05")
    buy(oleo, (2026, 2, 3), "5.55")
    buy(tropic, (2026, 2, 28), "7.00", fees="0.33")
    buy(tropic, (2026, 3, 1), "99.00")  # after the period
    return oleo, tropic


def test_purchases_add_up_per_supplier_and_month(bought):
    report = purchases_by_supplier(start=date(2026, 1, 1), end=date(2026, 2, 28), zone=UTC)
    assert [
        (r.supplier_name, r.month, r.receipts, r.goods_total, r.extras, r.total)
        for r in report.by_month
    ] == [
        ("Oleo Co.", date(2026, 1, 1), 2, D("30.00"), D("3.15"), D("33.15")),
        ("Oleo Co.", date(2026, 2, 1), 1, D("5.55"), D("0.00"), D("5.55")),
        ("Tropic Fats", date(2026, 2, 1), 1, D("7.00"), D("0.33"), D("7.33")),
    ]
    assert [(r.supplier_name, r.receipts, r.total) for r in report.by_supplier] == [
        ("Oleo Co.", 3, D("38.70")),
        ("Tropic Fats", 1, D("7.33")),
    ]
    assert (report.totals.receipts, report.totals.goods_total, report.totals.total) == (
        4,
        D("42.55"),
        D("46.03"),
    )


def test_the_period_is_whole_days_in_the_makers_time_zone(bought):
    # Receipts were received at noon UTC: 21:00 the same day in Tokyo, 04:00 in Los Angeles.
    tokyo = purchases_by_supplier(
        start=date(2026, 3, 1), end=date(2026, 3, 1), zone=ZoneInfo("Asia/Tokyo")
    )
    assert tokyo.totals.total == D("99.00")
    la = purchases_by_supplier(
        start=date(2026, 2, 28), end=date(2026, 2, 28), zone=ZoneInfo("America/Los_Angeles")
    )
    assert la.totals.total == D("7.33")


def test_only_owners_and_admins_see_the_report(bought, org_a):
    for role in ("viewer", "production"):
        client = workspace_client(make_member(org_a, role), org_a)
        assert client.get("/purchasing/purchases/").status_code == 403
    admin = workspace_client(make_member(org_a, "admin"), org_a)
    text = page_text(admin.get("/purchasing/purchases/?start=2026-01-01&end=2026-02-28"))
    assert "Tropic Fats" in text and "$46.03" in text


def test_csv_needs_a_plan_with_exports(bought, org_a):
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    refused = owner.get("/purchasing/purchases/purchases.csv")
    assert refused.status_code == 302 and refused["Location"] == "/purchasing/purchases/"
    on_tier(org_a, "maker")
    response = owner.get("/purchasing/purchases/purchases.csv?start=2026-01-01&end=2026-02-28")
    assert response["Content-Disposition"] == (
        'attachment; filename="purchases-2026-01-01-to-2026-02-28.csv"'
    )
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Supplier,Month,Receipts,Goods ($),Shipping ($),Tax ($),Fees ($),Total ($)",
        "Oleo Co.,2026-01,2,30,1.1,2.05,0,33.15",
        "Oleo Co.,2026-02,1,5.55,0,0,0,5.55",
        "Tropic Fats,2026-02,1,7,0,0,0.33,7.33",
        "All suppliers,Total,4,42.55,1.1,2.05,0.33,46.03",
    ]


def test_the_page_charts_the_spend_per_supplier_and_says_it_in_words(bought, org_a):
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    text = page_text(owner.get("/purchasing/purchases/?start=2026-01-01&end=2026-02-28"))
    assert "<svg" in text and "What you spent with each supplier" in text
    assert "$46.03 with 2 suppliers; the most with Oleo Co. ($38.70)." in text
