"""Trigram indexes for "find anything" (workspace.selectors.search), in every workspace schema.

They index other apps' tables but live here, beside the one search that uses them, so they are
added and dropped together. pg_trgm itself is in the public schema (batchtrack.db explains why);
making sure of it here too keeps a workspace migrated before the shared apps working.
"""

from django.db import migrations

from batchtrack.db import trigram_extension, trigram_index

# Names are matched with `%>` (word similarity) on the column; codes with Django's icontains, which
# PostgreSQL runs as UPPER(column) LIKE '%...%', hence the index on UPPER(column).
INDEXES = [
    ("search_item_name_trgm", "inventory_item", "name"),
    ("search_lot_supplier_code_trgm", "inventory_lot", "(upper(supplier_lot_code))"),
    ("search_recipe_name_trgm", "recipes_recipe", "name"),
    ("search_batch_code_trgm", "batches_batch", "(upper(code))"),
    ("search_batch_recipe_name_trgm", "batches_batch", "recipe_name"),
    ("search_product_name_trgm", "products_product", "name"),
    ("search_sku_code_trgm", "products_sku", "(upper(code))"),
    ("search_supplier_name_trgm", "purchasing_supplier", "name"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0002_one_job_model"),
        ("inventory", "0008_item_inci_allergens_tags"),
        ("recipes", "0003_draft_may_leave_yield_blank"),
        ("batches", "0001_initial"),
        ("products", "0001_initial"),
        ("purchasing", "0001_initial"),
    ]

    operations = [
        trigram_extension(),
        *(trigram_index(name, table, column) for name, table, column in INDEXES),
    ]
