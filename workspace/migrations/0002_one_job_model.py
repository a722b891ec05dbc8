"""Sample-data loads become batchtrack.jobs.Job rows: the progress rule (0-100) is the base's, under
the base's constraint name. The columns and their values stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="sampledatajob",
            name="workspace_sample_progress",
        ),
        migrations.AddConstraint(
            model_name="sampledatajob",
            constraint=models.CheckConstraint(
                condition=models.Q(("progress__lte", 100)),
                name="workspace_sampledatajob_progress",
            ),
        ),
    ]
