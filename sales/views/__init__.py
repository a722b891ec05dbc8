"""Sales pages: `orders` (orders, their lines, fulfilment and returns), `customers`, and `reports`
(the money reports). See batchtrack.view_helpers for the layout rule."""
