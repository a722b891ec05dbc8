"""Items name their usual supplier and purchase unit; lots name the directory supplier they came from.

Lots keep their free-text `supplier` (the name as it was, and all that older lots have)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0004_ledger_values"),
        ("purchasing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="purchase_unit",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="item",
            name="usual_supplier",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="usual_items",
                to="purchasing.supplier",
            ),
        ),
        migrations.AddField(
            model_name="lot",
            name="purchased_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lots",
                to="purchasing.supplier",
            ),
        ),
    ]
