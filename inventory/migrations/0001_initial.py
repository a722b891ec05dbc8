import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import uuid
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='CustomUnit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=40, unique=True)),
                ('kind', models.CharField(choices=[('mass', 'Weight'), ('volume', 'Volume'), ('count', 'Count (a piece)')], max_length=10)),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit', models.CharField(choices=[('g', 'g'), ('kg', 'kg'), ('mg', 'mg'), ('oz', 'oz'), ('lb', 'lb'), ('ml', 'ml'), ('l', 'l'), ('tsp', 'tsp'), ('tbsp', 'tbsp'), ('fl oz', 'fl oz'), ('cup', 'cup'), ('pt', 'pt'), ('qt', 'qt'), ('gal', 'gal'), ('each', 'each')], max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='inventory_customunit_qty_gt_0')],
            },
        ),
        migrations.CreateModel(
            name='InventoryPreferences',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ('costing_method', models.CharField(choices=[('fifo', 'FIFO: each use costs what its lot cost'), ('average', 'Average: each use costs the weighted average of stock on hand')], default='fifo', max_length=10)),
                ('expiring_soon_days', models.PositiveSmallIntegerField(default=30)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'verbose_name_plural': 'inventory preferences',
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='inventory_preferences_singleton')],
            },
        ),
        migrations.CreateModel(
            name='Item',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('kind', models.CharField(choices=[('ingredient', 'Ingredient'), ('packaging', 'Packaging'), ('container', 'Container'), ('consumable', 'Consumable'), ('product', 'Product'), ('intermediate', 'Intermediate')], default='ingredient', max_length=20)),
                ('category', models.CharField(blank=True, max_length=60)),
                ('stock_unit', models.CharField(choices=[('g', 'g'), ('kg', 'kg'), ('mg', 'mg'), ('oz', 'oz'), ('lb', 'lb'), ('ml', 'ml'), ('l', 'l'), ('tsp', 'tsp'), ('tbsp', 'tbsp'), ('fl oz', 'fl oz'), ('cup', 'cup'), ('pt', 'pt'), ('qt', 'qt'), ('gal', 'gal'), ('each', 'each')], max_length=10)),
                ('density_g_per_ml', models.DecimalField(blank=True, decimal_places=6, max_digits=20, null=True)),
                ('shelf_life_days', models.PositiveIntegerField(blank=True, null=True)),
                ('low_stock_threshold', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('is_tracked', models.BooleanField(default=True)),
                ('untracked_unit_cost', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('on_hand', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('reserved', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('library_item_id', models.PositiveBigIntegerField(blank=True, db_index=True, null=True)),
                ('notes', models.TextField(blank=True)),
                ('is_archived', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['name', 'id'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('name'), condition=models.Q(('is_archived', False)), name='inventory_item_unique_active_name'), models.CheckConstraint(condition=models.Q(('on_hand__gte', 0)), name='inventory_item_on_hand_gte_0'), models.CheckConstraint(condition=models.Q(('reserved__gte', 0), ('reserved__lte', models.F('on_hand'))), name='inventory_item_reserved_within_on_hand'), models.CheckConstraint(condition=models.Q(('is_tracked', True), models.Q(('on_hand', 0), ('reserved', 0)), _connector='OR'), name='inventory_item_untracked_holds_no_stock'), models.CheckConstraint(condition=models.Q(('density_g_per_ml__isnull', True), ('density_g_per_ml__gt', 0), _connector='OR'), name='inventory_item_density_gt_0'), models.CheckConstraint(condition=models.Q(('low_stock_threshold__gte', 0), ('untracked_unit_cost__gte', 0)), name='inventory_item_threshold_and_cost_gte_0')],
            },
        ),
        migrations.CreateModel(
            name='Lot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(choices=[('purchase', 'Purchase'), ('batch_output', 'Batch output'), ('adjustment', 'Adjustment'), ('return', 'Return')], default='purchase', max_length=20)),
                ('quantity_received', models.DecimalField(decimal_places=6, max_digits=20)),
                ('quantity_remaining', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit_cost', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField(blank=True, null=True)),
                ('hold_until', models.DateTimeField(blank=True, null=True)),
                ('supplier', models.CharField(blank=True, max_length=120)),
                ('supplier_lot_code', models.CharField(blank=True, max_length=80)),
                ('reference_type', models.CharField(blank=True, max_length=40)),
                ('reference_id', models.BigIntegerField(blank=True, null=True)),
                ('note', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lots', to='inventory.item')),
            ],
            options={
                'ordering': ['received_at', 'id'],
                'indexes': [models.Index(condition=models.Q(('quantity_remaining__gt', 0)), fields=['item', 'received_at', 'id'], name='inventory_lot_open_fifo'), models.Index(condition=models.Q(('expires_at__isnull', False), ('quantity_remaining__gt', 0)), fields=['expires_at'], name='inventory_lot_open_expiry'), models.Index(condition=models.Q(('reference_type', ''), _negated=True), fields=['reference_type', 'reference_id'], name='inventory_lot_reference')],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity_received__gt', 0)), name='inventory_lot_received_gt_0'), models.CheckConstraint(condition=models.Q(('quantity_remaining__gte', 0), ('quantity_remaining__lte', models.F('quantity_received'))), name='inventory_lot_remaining_within_received'), models.CheckConstraint(condition=models.Q(('unit_cost__gte', 0)), name='inventory_lot_cost_gte_0')],
            },
        ),
        migrations.CreateModel(
            name='Movement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('receive', 'Received'), ('batch_output', 'Batch output'), ('use', 'Used in production'), ('sale', 'Sold'), ('restore', 'Returned to its lot'), ('recount', 'Recount'), ('spoil', 'Spoiled'), ('trash', 'Thrown away'), ('damaged', 'Damaged'), ('expired', 'Expired stock disposed of'), ('tester', 'Tester'), ('gift', 'Gift'), ('sample', 'Sample'), ('returned', 'Returned to stock')], max_length=20)),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit_cost', models.DecimalField(decimal_places=6, default=Decimal('0'), max_digits=20)),
                ('affects_stock', models.BooleanField(default=True)),
                ('reference_type', models.CharField(blank=True, max_length=40)),
                ('reference_id', models.BigIntegerField(blank=True, null=True)),
                ('actor_id', models.BigIntegerField(blank=True, null=True)),
                ('note', models.TextField(blank=True)),
                ('operation_id', models.UUIDField(default=uuid.uuid4)),
                ('idempotency_key', models.CharField(blank=True, max_length=100, null=True, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='movements', to='inventory.item')),
                ('lot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='movements', to='inventory.lot')),
            ],
            options={
                'ordering': ['-id'],
                'indexes': [models.Index(fields=['item', '-id'], name='inventory_movement_item_recent'), models.Index(fields=['operation_id'], name='inventory_movement_operation'), models.Index(condition=models.Q(('reference_type', ''), _negated=True), fields=['reference_type', 'reference_id'], name='inventory_movement_reference')],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity', 0), _negated=True), name='inventory_movement_quantity_ne_0'), models.CheckConstraint(condition=models.Q(('unit_cost__gte', 0)), name='inventory_movement_cost_gte_0'), models.CheckConstraint(condition=models.Q(('affects_stock', True), ('lot__isnull', True), _connector='OR'), name='inventory_movement_untracked_has_no_lot')],
            },
        ),
        migrations.CreateModel(
            name='Reservation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('status', models.CharField(choices=[('open', 'Open'), ('released', 'Released'), ('fulfilled', 'Fulfilled')], default='open', max_length=10)),
                ('reference_type', models.CharField(blank=True, max_length=40)),
                ('reference_id', models.BigIntegerField(blank=True, null=True)),
                ('actor_id', models.BigIntegerField(blank=True, null=True)),
                ('note', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reservations', to='inventory.item')),
            ],
            options={
                'ordering': ['-id'],
                'indexes': [models.Index(condition=models.Q(('status', 'open')), fields=['item'], name='inventory_reservation_open'), models.Index(fields=['reference_type', 'reference_id'], name='inventory_reservation_ref')],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='inventory_reservation_qty_gt_0'), models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('status', 'open')), models.Q(models.Q(('status', 'open'), _negated=True), ('closed_at__isnull', False)), _connector='OR'), name='inventory_reservation_closed_when_not_open')],
            },
        ),
    ]
