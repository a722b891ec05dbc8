"""Purchasing pages, one module per page group: suppliers, receipts, documents, and the reports
(reorder help, purchases by supplier)."""
