"""Lot corrections, the audit of a lot's dates, supplier and cost: append-only in the database, like
the ledger (batchtrack.db.append_only)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models

from batchtrack.db import append_only


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0005_supplier_links"),
    ]

    operations = [
        migrations.CreateModel(
            name="LotCorrection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "field",
                    models.CharField(
                        choices=[
                            ("hold_until", "Curing until"),
                            ("expires_at", "Best before"),
                            ("supplier", "Supplier"),
                            ("supplier_lot_code", "Supplier's lot code"),
                            ("unit_cost", "Cost of one unit"),
                        ],
                        max_length=20,
                    ),
                ),
                ("old_value", models.CharField(blank=True, max_length=200)),
                ("new_value", models.CharField(blank=True, max_length=200)),
                ("note", models.TextField(blank=True)),
                ("actor_id", models.BigIntegerField(blank=True, null=True)),
                ("operation_id", models.UUIDField(default=uuid.uuid4)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "lot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="inventory.lot",
                    ),
                ),
            ],
            options={
                "ordering": ["-id"],
                "indexes": [
                    models.Index(fields=["lot", "-id"], name="inventory_lotcorrection_recent")
                ],
            },
        ),
        append_only(
            "inventory_lotcorrection", hint="Correct a lot again: a new correction row records it."
        ),
    ]
