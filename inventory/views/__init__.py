"""Inventory pages, one module per area: items, the library, receiving, adjusting, units."""
