"""Selling: customers, orders and their lines by SKU, fulfilment (stock leaves through inventory's
services, each line charged the real cost of the lots drawn), returns to the exact lots, and the money
reports built on them (sales and gross profit, cost of goods traced to lots, inventory valuation on any
past date, the year-end summary in the shape of the US Schedule C Part III).

A workspace app: its tables live in each workspace's schema. Only `sales.services` writes them; the
quick "record a sale" on a SKU's page is a one-line order without a customer (`record_sale`).
"""
