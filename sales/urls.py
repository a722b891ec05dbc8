from __future__ import annotations

from django.urls import path

from sales.views import customers, orders, reports

app_name = "sales"

urlpatterns = [
    path("", orders.order_list, name="orders"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/<int:pk>/", orders.order_detail, name="order"),
    path("orders/<int:pk>/hold/", orders.order_hold, name="order_hold"),
    path("orders/<int:pk>/fulfil/", orders.order_fulfil, name="order_fulfil"),
    path("orders/<int:pk>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/lines/<int:pk>/", orders.line_detail, name="line"),
    path("orders/lines/<int:pk>/return/", orders.line_return, name="line_return"),
    path("customers/", customers.customer_list, name="customers"),
    path("customers/new/", customers.customer_create, name="customer_create"),
    path("customers/<int:pk>/", customers.customer_detail, name="customer"),
    path("customers/<int:pk>/edit/", customers.customer_edit, name="customer_edit"),
    path("reports/", reports.report_index, name="reports"),
    path("reports/sales/", reports.sales_report, name="report_sales"),
    path("reports/cost-of-goods/", reports.cogs_report, name="report_cogs"),
    path("reports/valuation/", reports.valuation_report, name="report_valuation"),
    path("reports/year-end/", reports.year_end_report, name="report_year_end"),
    path(
        "reports/year-end/<int:year>/<slug:group>/",
        reports.year_end_detail,
        name="report_year_end_detail",
    ),
]
