import datetime
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('inventory', '0001_initial'),
        ('recipes', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Batch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(blank=True, max_length=30, null=True, unique=True)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('finished', 'Finished'), ('cancelled', 'Cancelled'), ('failed', 'Failed')], default='planned', max_length=20)),
                ('scale', models.DecimalField(decimal_places=6, max_digits=20)),
                ('recipe_name', models.CharField(max_length=100)),
                ('version_number', models.PositiveIntegerField()),
                ('planned_yield', models.DecimalField(decimal_places=6, max_digits=20)),
                ('yield_unit', models.CharField(max_length=40)),
                ('portion_name', models.CharField(blank=True, max_length=40)),
                ('instructions', models.TextField(blank=True)),
                ('category_data', models.JSONField(blank=True, default=dict)),
                ('shelf_life_days', models.PositiveIntegerField(blank=True, null=True)),
                ('cure_days', models.PositiveIntegerField(blank=True, null=True)),
                ('plan_note', models.TextField(blank=True)),
                ('skip_reason', models.TextField(blank=True)),
                ('consumed_cost', models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32)),
                ('actual_yield', models.DecimalField(blank=True, decimal_places=6, max_digits=20, null=True)),
                ('end_reason', models.TextField(blank=True)),
                ('loss_value', models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32)),
                ('planned_by_id', models.BigIntegerField(blank=True, null=True)),
                ('started_by_id', models.BigIntegerField(blank=True, null=True)),
                ('ended_by_id', models.BigIntegerField(blank=True, null=True)),
                ('planned_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('recipe', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='batches', to='recipes.recipe')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='batches', to='recipes.recipeversion')),
            ],
            options={
                'ordering': ['-planned_at', '-id'],
                'indexes': [models.Index(fields=['status', '-planned_at'], name='batches_batch_status'), models.Index(fields=['started_at'], name='batches_batch_started')],
                'constraints': [models.CheckConstraint(condition=models.Q(('scale__gt', 0)), name='batches_batch_scale_gt_0'), models.CheckConstraint(condition=models.Q(('planned_yield__gt', 0)), name='batches_batch_planned_yield_gt_0'), models.CheckConstraint(condition=models.Q(models.Q(('code__isnull', True), ('started_at__isnull', True), ('status', 'planned')), models.Q(('started_at__isnull', True), ('status', 'cancelled')), models.Q(models.Q(('status', 'planned'), _negated=True), ('code__isnull', False), ('started_at__isnull', False)), _connector='OR'), name='batches_batch_started_has_code'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'finished'), _negated=True), models.Q(('actual_yield__gt', 0), ('ended_at__isnull', False)), _connector='OR'), name='batches_batch_finished_has_yield'), models.CheckConstraint(condition=models.Q(models.Q(('ended_at__isnull', True), ('status__in', ['planned', 'in_progress'])), models.Q(('ended_at__isnull', False), ('status__in', ['finished', 'cancelled', 'failed'])), _connector='OR'), name='batches_batch_ended_at'), models.CheckConstraint(condition=models.Q(('consumed_cost__gte', 0), ('loss_value__gte', 0)), name='batches_batch_costs_gte_0')],
            },
        ),
        migrations.CreateModel(
            name='BatchCodeCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prefix', models.CharField(max_length=10)),
                ('year', models.PositiveSmallIntegerField()),
                ('last', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('prefix', 'year'), name='batches_counter_prefix_year')],
            },
        ),
        migrations.CreateModel(
            name='BatchLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit', models.CharField(max_length=40)),
                ('stock_quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('is_extra', models.BooleanField(default=False)),
                ('status', models.CharField(choices=[('pending', 'Not taken yet'), ('consumed', 'Taken from stock'), ('skipped', 'Skipped'), ('returned', 'Returned to stock')], default='pending', max_length=10)),
                ('added_by_id', models.BigIntegerField(blank=True, null=True)),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='batches.batch')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
            ],
            options={
                'ordering': ['batch_id', 'position'],
                'constraints': [models.UniqueConstraint(fields=('batch', 'position'), name='batches_line_position'), models.CheckConstraint(condition=models.Q(('quantity__gt', 0), ('stock_quantity__gt', 0)), name='batches_line_amounts')],
            },
        ),
        migrations.CreateModel(
            name='BatchDraw',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit_cost', models.DecimalField(decimal_places=6, max_digits=20)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='draws', to='batches.batch')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('lot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='batch_draws', to='inventory.lot')),
                ('movement', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='batch_draw', to='inventory.movement')),
                ('line', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='draws', to='batches.batchline')),
            ],
            options={
                'ordering': ['line_id', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='batches_draw_quantity_gt_0')],
            },
        ),
        migrations.CreateModel(
            name='BatchNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('author_id', models.BigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='batches.batch')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='BatchOutput',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('yield_share', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit_cost', models.DecimalField(decimal_places=6, max_digits=20)),
                ('total_cost', models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outputs', to='batches.batch')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('lot', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='batch_output', to='inventory.lot')),
            ],
            options={
                'ordering': ['batch_id', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity__gt', 0), ('yield_share__gt', 0)), name='batches_output_amounts')],
            },
        ),
        migrations.CreateModel(
            name='BatchTimer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80)),
                ('duration', models.DurationField()),
                ('status', models.CharField(choices=[('running', 'Running'), ('paused', 'Paused'), ('completed', 'Completed')], default='running', max_length=10)),
                ('accumulated', models.DurationField(default=datetime.timedelta(0))),
                ('running_since', models.DateTimeField(blank=True, null=True)),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('completed_at', models.DateTimeField(blank=True, null=True)),
                ('created_by_id', models.BigIntegerField(blank=True, null=True)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timers', to='batches.batch')),
            ],
            options={
                'ordering': ['started_at', 'id'],
                'indexes': [models.Index(condition=models.Q(('status', 'completed'), _negated=True), fields=['status'], name='batches_timer_open')],
                'constraints': [models.CheckConstraint(condition=models.Q(('duration__gt', datetime.timedelta(0))), name='batches_timer_duration_gt_0'), models.CheckConstraint(condition=models.Q(models.Q(('running_since__isnull', False), ('status', 'running')), models.Q(models.Q(('status', 'running'), _negated=True), ('running_since__isnull', True)), _connector='OR'), name='batches_timer_running_since'), models.CheckConstraint(condition=models.Q(models.Q(('completed_at__isnull', False), ('status', 'completed')), models.Q(models.Q(('status', 'completed'), _negated=True), ('completed_at__isnull', True)), _connector='OR'), name='batches_timer_completed_at')],
            },
        ),
    ]
