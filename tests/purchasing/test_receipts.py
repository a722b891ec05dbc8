"""Purchase receipts: every line a lot through inventory's receive, shipping, tax and fees shared
into the lots' costs to the cent, and a bad line refusing the whole receipt."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from inventory.models import Movement
from inventory.services import update_item
from purchasing.errors import ReceiptRefused, SupplierArchived
from purchasing.models import Allocation, PurchaseReceipt
from purchasing.services import ReceiptLineInput as Line
from purchasing.services import record_receipt, update_supplier
from tests.inventory.conftest import assert_balanced
from tests.purchasing.conftest import books
from tests.recipes.factories import make_item


@pytest.fixture
def oils(acme):
    return [make_item("Olive oil"), make_item("Coconut oil"), make_item("Castor oil")]


def test_landed_cost_by_value_raises_each_unit_cost_by_exactly_a_ninth(oils, oleo):
    """The issue's check: $90 of oils + $10 shipping by value."""
    lines = [
        Line(oils[0].pk, "1000", "45.00"),  # $0.045/g before shipping
        Line(oils[1].pk, "1", "27.00", unit="kg"),
        Line(oils[2].pk, "500", "18.00"),
    ]
    receipt = record_receipt(supplier=oleo, lines=lines, shipping="10.00")
    lots = [line.lot for line in receipt.lines.order_by("position")]
    before = [D("0.045"), D("0.027"), D("0.036")]
    assert [lot.unit_cost for lot in lots] == [D("0.05"), D("0.03"), D("0.04")]
    assert [lot.unit_cost - was for lot, was in zip(lots, before, strict=True)] == [
        was / 9 for was in before
    ]
    assert sum(lot.quantity_received * lot.unit_cost for lot in lots) == D("100.00")
    assert (receipt.goods_total, receipt.shipping, receipt.total) == (
        D("90.00"),
        D("10.00"),
        D("100.00"),
    )
    assert [line.extra_cost for line in receipt.lines.order_by("position")] == [
        D("5.00"),
        D("3.00"),
        D("2.00"),
    ]
    assert_balanced()


def test_the_odd_cent_goes_to_the_first_line_and_the_lots_add_up(oils, oleo):
    lines = [Line(item.pk, "1000", "30.00") for item in oils]
    receipt = record_receipt(supplier=oleo, lines=lines, shipping="7.00", tax="2.50", fees="0.50")
    lots = [line.lot for line in receipt.lines.order_by("position")]
    assert [lot.unit_cost for lot in lots] == [D("0.03334"), D("0.03333"), D("0.03333")]
    assert sum(lot.quantity_received * lot.unit_cost for lot in lots) == D("100.00")
    assert receipt.total == D("100.00")


def test_landed_cost_by_weight_shares_by_grams(acme, oleo):
    oil = make_item("Olive oil", density_g_per_ml="0.9")
    wax = make_item("Beeswax")
    receipt = record_receipt(
        supplier=oleo,
        lines=[Line(oil.pk, "1", "10.00", unit="l"), Line(wax.pk, "300", "40.00")],
        shipping="3.60",
        allocation=Allocation.WEIGHT,
    )
    # 900 g and 300 g: $2.70 and $0.90, whatever the lines cost.
    oil_line, wax_line = receipt.lines.order_by("position")
    assert (oil_line.extra_cost, wax_line.extra_cost) == (D("2.70"), D("0.90"))
    # Per gram, to the 6 places every unit cost is kept in: $12.70 / 900 g and $40.90 / 300 g.
    assert (oil_line.lot.unit_cost, wax_line.lot.unit_cost) == (D("0.014111"), D("0.136333"))


def test_receipt_links_lots_to_the_supplier_and_keeps_its_name(oils, oleo):
    receipt = record_receipt(
        supplier=oleo,
        lines=[Line(oils[0].pk, "100", "1.00", supplier_lot_code="OL-7")],
        reference="INV-42",
    )
    lot = receipt.lines.get().lot
    assert (lot.purchased_from_id, lot.supplier, lot.supplier_lot_code) == (
        oleo.pk,
        "Oleo Co.",
        "OL-7",
    )
    movement = Movement.objects.get(lot=lot)
    assert (movement.reference_type, movement.reference_id) == ("purchase_receipt", receipt.pk)
    assert movement.note == "Invoice INV-42"


def test_the_same_submission_twice_records_one_receipt(oils, oleo):
    first = record_receipt(
        supplier=oleo, lines=[Line(oils[0].pk, "100", "1.00")], idempotency_key="k1"
    )
    again = record_receipt(
        supplier=oleo, lines=[Line(oils[0].pk, "100", "1.00")], idempotency_key="k1"
    )
    assert again.pk == first.pk
    assert PurchaseReceipt.objects.count() == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (Line(0, "100", "-5"), "Row 2: The cost must be zero or more; -5 was given."),
        (Line(0, "100", "a lot"), "Row 2: Enter the cost as a number, for example 250 or 12.5."),
        (Line(0, "100", "1.005"), "Row 2: Enter the cost in dollars and cents, e.g. 12.50."),
        (Line(0, "-1", "1.00"), "Row 2: The quantity must be more than zero; -1 was given."),
        (Line(0, "1", "1.00", unit="bucket"), "Row 2: 'bucket' isn't a unit BatchTrack knows."),
    ],
)
def test_a_bad_line_refuses_the_whole_receipt_and_names_it(oils, oleo, line, message):
    good = Line(oils[0].pk, "100", "1.00")
    bad = Line(oils[1].pk, line.quantity, line.cost, unit=line.unit)
    before = books()
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(supplier=oleo, lines=[good, bad], shipping="1.00")
    assert refused.value.message.startswith(message)
    assert books() == before


def test_an_archived_item_is_refused_by_line(oils, oleo):
    update_item(item=oils[1], is_archived=True)
    before = books()
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(
            supplier=oleo,
            lines=[Line(oils[0].pk, "100", "1.00"), Line(oils[1].pk, "100", "1.00")],
        )
    assert refused.value.message == (
        "Row 2: Coconut oil is archived. Restore it before receiving it."
    )
    assert books() == before


def test_every_bad_line_is_named_at_once(oils, oleo):
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(
            supplier=oleo,
            lines=[Line(oils[0].pk, "100", "x"), Line(oils[1].pk, "0", "1.00")],
        )
    assert [p.line for p in refused.value.problems] == [1, 2]
    assert refused.value.message.startswith("2 problems; nothing was received. Row 1: ")


def test_fees_on_an_empty_receipt_are_refused(acme, oleo):
    before = books()
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(supplier=oleo, lines=[], fees="4.00")
    assert refused.value.message == (
        "There are no lines to share the $4.00 of shipping, tax and fees among. Add what the "
        "delivery brought."
    )
    assert books() == before


def test_sharing_by_value_needs_a_line_that_cost_something(oils, oleo):
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(supplier=oleo, lines=[Line(oils[0].pk, "100", "0")], shipping="5.00")
    assert "can't be shared by value" in refused.value.message


def test_sharing_by_weight_refuses_a_line_that_cannot_be_weighed(acme, oleo):
    jars = make_item("Glass jar", unit="each")
    before = books()
    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(
            supplier=oleo,
            lines=[Line(jars.pk, "12", "6.00")],
            shipping="1.00",
            allocation=Allocation.WEIGHT,
        )
    assert refused.value.message.startswith(
        "Row 1: Glass jar can't be weighed, so the extras can't be shared by weight:"
    )
    assert books() == before


def test_an_archived_supplier_is_refused(oils, oleo):
    update_supplier(supplier=oleo, is_archived=True)
    before = books()
    with pytest.raises(SupplierArchived):
        record_receipt(supplier=oleo, lines=[Line(oils[0].pk, "100", "1.00")])
    assert books() == before


def test_a_future_delivery_date_is_said_once_for_the_receipt(oils, oleo):
    from tests.inventory.factories import ahead

    with pytest.raises(ReceiptRefused) as refused:
        record_receipt(
            supplier=oleo,
            lines=[Line(item.pk, "100", "1.00") for item in oils],
            received_at=ahead(2),
        )
    assert refused.value.message == (
        "The received date is in the future. Record stock when it arrives."
    )
