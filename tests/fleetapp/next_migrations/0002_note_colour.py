from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("fleetapp", "0001_initial")]
    operations = [
        migrations.AddField("note", "colour", models.CharField(max_length=20, default="amber")),
    ]
