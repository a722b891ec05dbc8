import django.db.models.deletion
import django.db.models.functions.text
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
            name='Product',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('code', models.CharField(max_length=12)),
                ('category', models.CharField(blank=True, max_length=60)),
                ('description', models.TextField(blank=True)),
                ('sku_pattern', models.CharField(default='{product}-{variant}-{size}', max_length=60)),
                ('is_archived', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('recipe', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='products', to='recipes.recipe')),
            ],
            options={
                'ordering': ['name', 'id'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('name'), condition=models.Q(('is_archived', False)), name='products_product_unique_name')],
            },
        ),
        migrations.CreateModel(
            name='Size',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60)),
                ('code', models.CharField(max_length=12)),
                ('container', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sizes', to='products.product')),
            ],
            options={
                'ordering': ['product_id', 'name'],
                'constraints': [models.UniqueConstraint(models.F('product'), django.db.models.functions.text.Lower('name'), name='products_size_unique_name')],
            },
        ),
        migrations.CreateModel(
            name='Sku',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=40)),
                ('price', models.DecimalField(decimal_places=2, max_digits=12)),
                ('is_archived', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('item', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='sku', to='inventory.item')),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='skus', to='products.product')),
                ('size', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='skus', to='products.size')),
            ],
            options={
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='Deduction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('sold', 'Sold'), ('gift', 'Gift'), ('tester', 'Tester'), ('damaged', 'Damaged'), ('returned', 'Returned')], max_length=10)),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit_price', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                ('cost', models.DecimalField(decimal_places=12, default=Decimal('0'), max_digits=32)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('actor_id', models.BigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sale', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='returns', to='products.deduction')),
                ('sku', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deductions', to='products.sku')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['sku', '-created_at'], name='products_deduction_sku')],
                'constraints': [models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='products_deduction_qty_gt_0'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'sold'), ('unit_price__isnull', False)), models.Q(models.Q(('kind', 'sold'), _negated=True), ('unit_price__isnull', True)), _connector='OR'), name='products_deduction_price_for_sales'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'returned'), ('sale__isnull', False)), models.Q(models.Q(('kind', 'returned'), _negated=True), ('sale__isnull', True)), _connector='OR'), name='products_deduction_return_names_sale')],
            },
        ),
        migrations.CreateModel(
            name='Variant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60)),
                ('code', models.CharField(max_length=12)),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='variants', to='products.product')),
            ],
            options={
                'ordering': ['product_id', 'name'],
                'constraints': [models.UniqueConstraint(models.F('product'), django.db.models.functions.text.Lower('name'), name='products_variant_unique_name')],
            },
        ),
        migrations.AddField(
            model_name='sku',
            name='variant',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='skus', to='products.variant'),
        ),
        migrations.AddConstraint(
            model_name='sku',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Upper('code'), name='products_sku_unique_code'),
        ),
        migrations.AddConstraint(
            model_name='sku',
            constraint=models.UniqueConstraint(fields=('product', 'variant', 'size'), name='products_sku_unique_combination', nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name='sku',
            constraint=models.CheckConstraint(condition=models.Q(('price__gte', 0)), name='products_sku_price_gte_0'),
        ),
    ]
