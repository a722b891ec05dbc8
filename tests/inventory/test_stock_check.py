from __future__ import annotations

from decimal import Decimal

from inventory import services
from inventory.models import Movement
from inventory.services import StockStatus
from tests.inventory.conftest import CountStatements
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


def test_each_line_gets_a_status_and_the_overall_is_the_worst(acme):
    oil = ItemFactory(name="Olive oil", low_stock_threshold=100)
    lye = ItemFactory(name="Sodium hydroxide")
    butter = ItemFactory(name="Shea butter")
    stock(oil, 500)
    stock(lye, 10)
    stock(butter, 1000)

    result = services.check_stock(lines=[(oil, 450, "g"), (lye, 30, "g"), (butter, 1, "kg")])

    assert [line.status for line in result.lines] == [
        StockStatus.LOW,
        StockStatus.SHORT,
        StockStatus.OK,
    ]
    assert result.status == StockStatus.SHORT
    assert result.ok is False
    short = result.lines[1]
    assert (short.needed, short.available, short.shortfall, short.unit) == (
        D("30"),
        D("10"),
        D("20"),
        "g",
    )
    assert short.message == (
        "You need 20 g more Sodium hydroxide: this needs 30 g and 10 g is available."
    )
    assert result.lines[0].message.startswith("Enough Olive oil, but it leaves 50 g")


def test_partial_availability_is_short_not_low(acme):
    oil = ItemFactory(low_stock_threshold=1000)
    stock(oil, 100)

    (line,) = services.check_stock(lines=[(oil, 150, "g")]).lines

    assert (line.status, line.shortfall) == (StockStatus.SHORT, D("50"))


def test_shortfall_is_in_the_lines_unit(acme):
    oil = ItemFactory(stock_unit="g", density_g_per_ml="0.91")
    stock(oil, 91)

    (line,) = services.check_stock(lines=[(oil, "0.2", "l")]).lines

    assert (line.needed, line.available, line.shortfall, line.unit) == (
        D("0.2"),
        D("0.1"),
        D("0.1"),
        "l",
    )


def test_missing_density_is_an_error_with_a_fix(acme):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 1000)

    result = services.check_stock(lines=[(oil, 100, "ml"), (oil, 10, "g")])

    error, ok = result.lines
    assert (error.status, error.error_code, error.error_field) == (
        StockStatus.ERROR,
        "MISSING_DENSITY",
        "density_g_per_ml",
    )
    assert error.message == (
        "Olive oil has no density, so ml can't be turned into g. "
        "Add its density (g/ml) on the item page."
    )
    assert ok.status == StockStatus.OK
    assert result.status == StockStatus.ERROR


def test_bad_quantities_and_units_are_errors(acme):
    oil = ItemFactory()
    stock(oil, 10)

    result = services.check_stock(lines=[(oil, "abc", "g"), (oil, 0, "g"), (oil, 1, "blorp")])

    assert [line.error_code for line in result.lines] == [
        "INVALID_AMOUNT",
        "INVALID_AMOUNT",
        "UNKNOWN_UNIT",
    ]


def test_expired_curing_and_reserved_stock_is_not_available(acme):
    soap = ItemFactory(stock_unit="each")
    stock(soap, 10, days_ago=40, expires_at=ago(1))
    stock(soap, 10, hold_until=ahead(20))
    stock(soap, 10)
    services.reserve(item=soap, quantity=4)

    (line,) = services.check_stock(lines=[(soap, 7, "each")]).lines

    assert (line.status, line.available, line.shortfall) == (StockStatus.SHORT, D("6"), D("1"))


def test_lines_of_the_same_item_share_its_stock(acme):
    oil = ItemFactory()
    stock(oil, 100)

    first, second = services.check_stock(lines=[(oil, 70, "g"), (oil, 50, "g")]).lines

    assert (first.status, second.status) == (StockStatus.OK, StockStatus.SHORT)
    assert (second.available, second.shortfall) == (D("30"), D("20"))


def test_untracked_items_are_always_ok(acme):
    water = ItemFactory(is_tracked=False)

    (line,) = services.check_stock(lines=[(water, 5000, "g")]).lines

    assert (line.status, line.tracked) == (StockStatus.OK, False)


def test_stock_check_reads_in_constant_queries_and_writes_nothing(acme):
    items = [ItemFactory() for _ in range(5)]
    for item in items:
        stock(item, 10)
    before = Movement.objects.count()

    with CountStatements() as statements:
        services.check_stock(lines=[(item, 5, "g") for item in items] + [(items[0], 1, "kg")])

    assert len(statements) == 1
    assert Movement.objects.count() == before
