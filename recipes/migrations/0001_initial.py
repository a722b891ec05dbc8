import django.contrib.postgres.fields
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('inventory', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Recipe',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('category', models.CharField(choices=[('soap', 'Soap'), ('candle', 'Candle'), ('cosmetic', 'Cosmetic'), ('food', 'Food'), ('other', 'Other')], default='other', max_length=20)),
                ('prefix', models.CharField(max_length=10)),
                ('variation_name', models.CharField(blank=True, max_length=60)),
                ('is_archived', models.BooleanField(default=False)),
                ('created_by_id', models.BigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('base', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='variations', to='recipes.recipe')),
                ('output_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
            ],
            options={
                'ordering': ['name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RecipeVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=10)),
                ('yield_quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('yield_unit', models.CharField(max_length=40)),
                ('portion_name', models.CharField(blank=True, max_length=40)),
                ('instructions', models.TextField(blank=True)),
                ('tags', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=40), blank=True, default=list, size=None)),
                ('category_data', models.JSONField(blank=True, default=dict)),
                ('shelf_life_days', models.PositiveIntegerField(blank=True, null=True)),
                ('cure_days', models.PositiveIntegerField(blank=True, null=True)),
                ('change_note', models.CharField(blank=True, max_length=200)),
                ('created_by_id', models.BigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('based_on', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='recipes.recipeversion')),
                ('recipe', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='recipes.recipe')),
            ],
            options={
                'ordering': ['recipe_id', '-number'],
                'constraints': [models.UniqueConstraint(fields=('recipe', 'number'), name='recipes_version_number'), models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('recipe',), name='recipes_version_one_draft'), models.CheckConstraint(condition=models.Q(('yield_quantity__gt', 0)), name='recipes_version_yield_gt_0'), models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='recipes_version_number_gte_1'), models.CheckConstraint(condition=models.Q(models.Q(('published_at__isnull', True), ('status', 'draft')), models.Q(('published_at__isnull', False), ('status', 'published')), _connector='OR'), name='recipes_version_published_at')],
            },
        ),
        migrations.CreateModel(
            name='RecipeLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('quantity', models.DecimalField(decimal_places=6, max_digits=20)),
                ('unit', models.CharField(max_length=40)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='recipes.recipeversion')),
            ],
            options={
                'ordering': ['version_id', 'position'],
                'constraints': [models.UniqueConstraint(fields=('version', 'position'), name='recipes_line_position'), models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='recipes_line_quantity_gt_0')],
            },
        ),
        migrations.AddField(
            model_name='recipe',
            name='current_version',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='current_of', to='recipes.recipeversion'),
        ),
        migrations.AddConstraint(
            model_name='recipe',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), condition=models.Q(('is_archived', False)), name='recipes_recipe_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='recipe',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Upper('prefix'), name='recipes_recipe_unique_prefix'),
        ),
        migrations.AddConstraint(
            model_name='recipe',
            constraint=models.CheckConstraint(condition=models.Q(('base', models.F('id')), _negated=True), name='recipes_recipe_not_own_variation'),
        ),
        migrations.AddConstraint(
            model_name='recipe',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('base__isnull', True), ('variation_name', '')), models.Q(('base__isnull', False), models.Q(('variation_name', ''), _negated=True)), _connector='OR'), name='recipes_recipe_variation_named'),
        ),
    ]
