"""Sales' reads: the order and customer pages (`orders`), and the money reports, each a few queries
whatever the data size: sales and gross profit (`profit`), cost of goods traced to lots (`cogs`),
inventory valuation on a past date (`valuation`), the year-end summary (`year_end`) and who bought
from recalled lots (`recall`)."""

from sales.selectors.cogs import cost_of_goods, sold_q
from sales.selectors.orders import (
    active_skus,
    customer_detail,
    customer_list,
    lines_for_sku,
    order_detail,
    order_line,
    order_list,
)
from sales.selectors.profit import (
    RecentSales,
    by_sku,
    recent_sales,
    recent_sales_read,
    sales_and_profit,
)
from sales.selectors.recall import buyers_of
from sales.selectors.valuation import valuation_as_of
from sales.selectors.year_end import schedule_c

__all__ = [
    "active_skus",
    "buyers_of",
    "by_sku",
    "cost_of_goods",
    "recent_sales",
    "recent_sales_read",
    "RecentSales",
    "sales_and_profit",
    "schedule_c",
    "sold_q",
    "valuation_as_of",
    "customer_detail",
    "customer_list",
    "lines_for_sku",
    "order_detail",
    "order_line",
    "order_list",
]
