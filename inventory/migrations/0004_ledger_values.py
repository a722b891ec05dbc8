"""Exact money in the ledger: each movement's value, each item's stock value, and REVALUE rows.

Existing movements get value = quantity x unit_cost (the ledger's append-only trigger is paused for
that one UPDATE). Each tracked item's stock value starts at its lots' value (what valuation showed
until now); where the ledger's values do not add up to it (average costing used to charge draws at an
average the lots did not carry), one REVALUE row records the difference, so from here on the books
identity holds: sum of ledger values == stock value. The deferred foreign-key checks those writes
queue are run at once (SET CONSTRAINTS ALL IMMEDIATE): PostgreSQL refuses to ALTER a table with
pending trigger events, and the trigger and constraints are altered right after.
"""

from decimal import Decimal
from django.db import migrations, models


BACKFILL = """
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE inventory_movement DISABLE TRIGGER inventory_movement_append_only;
UPDATE inventory_movement SET value = quantity * unit_cost;
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE inventory_movement ENABLE TRIGGER inventory_movement_append_only;
UPDATE inventory_item AS i SET stock_value = COALESCE(
    (SELECT SUM(l.quantity_remaining * l.unit_cost) FROM inventory_lot AS l
     WHERE l.item_id = i.id AND l.quantity_remaining > 0), 0)
WHERE i.is_tracked;
INSERT INTO inventory_movement (item_id, lot_id, kind, quantity, unit_cost, value, affects_stock,
    reference_type, reference_id, actor_id, note, operation_id, idempotency_key, created_at)
SELECT i.id, NULL, 'revalue', 0, 0, i.stock_value - COALESCE(s.total, 0), TRUE, '', NULL, NULL,
    'Opening value: the stock value carried over when the ledger began recording exact values',
    gen_random_uuid(), NULL, now()
FROM inventory_item AS i
LEFT JOIN (SELECT item_id, SUM(value) AS total FROM inventory_movement WHERE affects_stock
           GROUP BY item_id) AS s ON s.item_id = i.id
WHERE i.is_tracked AND i.stock_value <> COALESCE(s.total, 0);
SET CONSTRAINTS ALL IMMEDIATE;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('inventory', '0003_lot_marked_expired'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='movement',
            name='inventory_movement_quantity_ne_0',
        ),
        migrations.AddField(
            model_name='item',
            name='stock_value',
            field=models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32),
        ),
        migrations.AddField(
            model_name='movement',
            name='value',
            field=models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32),
            preserve_default=False,
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='movement',
            name='kind',
            field=models.CharField(choices=[('receive', 'Received'), ('batch_output', 'Batch output'), ('use', 'Used in production'), ('sale', 'Sold'), ('restore', 'Returned to its lot'), ('recount', 'Recount'), ('spoil', 'Spoiled'), ('trash', 'Thrown away'), ('damaged', 'Damaged'), ('expired', 'Expired stock disposed of'), ('tester', 'Tester'), ('gift', 'Gift'), ('sample', 'Sample'), ('returned', 'Returned to stock'), ('revalue', 'Revalued')], max_length=20),
        ),
        migrations.AddConstraint(
            model_name='item',
            constraint=models.CheckConstraint(condition=models.Q(('stock_value__gte', 0), models.Q(('on_hand__gt', 0), ('stock_value', 0), _connector='OR')), name='inventory_item_stock_value_within_stock'),
        ),
        migrations.AddConstraint(
            model_name='movement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('quantity', 0), _negated=True), ('kind', 'revalue'), _connector='OR'), name='inventory_movement_quantity_ne_0'),
        ),
    ]
