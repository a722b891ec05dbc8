"""Writers of the staff console's tables: one module per kind of change."""
