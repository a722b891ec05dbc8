"""pg_trgm for typo-tolerant search, installed once in the public schema (batchtrack.db explains
why), and a trigram index on library item names."""

from django.db import migrations

from batchtrack.db import trigram_extension, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0006_shared_recipes"),
    ]

    operations = [
        trigram_extension(),
        trigram_index("library_item_name_trgm", "library_libraryitem", "name"),
    ]
