from __future__ import annotations

from django.urls import path

from batches.views import batch, labels, timers

app_name = "batches"

urlpatterns = [
    path("", batch.batch_list, name="list"),
    path("plan/<int:version_id>/", batch.batch_plan, name="plan"),
    path("timers/", timers.timer_list, name="timers"),
    path("timers/<int:timer_id>/pause/", timers.timer_pause, name="timer_pause"),
    path("timers/<int:timer_id>/resume/", timers.timer_resume, name="timer_resume"),
    path("timers/<int:timer_id>/complete/", timers.timer_complete, name="timer_complete"),
    path("<int:pk>/", batch.batch_detail, name="detail"),
    path("<int:pk>/record/", batch.batch_record, name="record"),
    path("<int:pk>/label/", labels.batch_label, name="label"),
    path("<int:pk>/label/pdf/", labels.batch_label_pdf, name="label_pdf"),
    path("labels/settings/", labels.label_settings, name="label_settings"),
    path("<int:pk>/start/", batch.batch_start, name="start"),
    path("<int:pk>/containers/", batch.batch_containers, name="containers"),
    path("<int:pk>/finish/", batch.batch_finish, name="finish"),
    path("<int:pk>/cancel/", batch.batch_cancel, name="cancel"),
    path("<int:pk>/fail/", batch.batch_fail, name="fail"),
    path("<int:pk>/extra/", batch.batch_extra, name="extra"),
    path("<int:pk>/notes/", batch.batch_note, name="note"),
    path("<int:pk>/timers/", timers.timer_start, name="timer_start"),
]
