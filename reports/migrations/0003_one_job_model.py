"""Exports and imports become batchtrack.jobs.Job rows: every job stores its progress and step on
its row. An import kept its progress in the cache until now; the values that are still there move
onto the row (a finished import is at 100), so a page open during the deploy keeps its place."""

from django.db import migrations, models

OLD_PROGRESS_KEY = "reports:import-progress:{}"  # the key the cache held it under


def progress_onto_rows(apps, schema_editor):
    ImportJob = apps.get_model("reports", "ImportJob")
    ImportJob.objects.filter(status="done").update(progress=100)
    running = list(ImportJob.objects.filter(status="running").values_list("pk", flat=True))
    if not running:
        return
    from django.core.cache import cache  # fails open: a cache that can't answer leaves 0

    for pk in running:
        value = cache.get(OLD_PROGRESS_KEY.format(pk))
        if isinstance(value, int) and 0 <= value <= 100:
            ImportJob.objects.filter(pk=pk).update(progress=value)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_file_retention"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="exportjob",
            name="reports_export_progress",
        ),
        migrations.AddField(
            model_name="exportjob",
            name="step",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name="importjob",
            name="progress",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="importjob",
            name="step",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddConstraint(
            model_name="exportjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("progress__lte", 100)), name="reports_exportjob_progress"
            ),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("progress__lte", 100)), name="reports_importjob_progress"
            ),
        ),
        migrations.RunPython(progress_onto_rows, migrations.RunPython.noop),
    ]
