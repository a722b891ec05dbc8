from __future__ import annotations

from django.urls import path

from batches import views

app_name = "batches"

urlpatterns = [
    path("", views.batch_list, name="list"),
    path("plan/<int:version_id>/", views.batch_plan, name="plan"),
    path("timers/", views.timer_list, name="timers"),
    path("timers/<int:timer_id>/pause/", views.timer_pause, name="timer_pause"),
    path("timers/<int:timer_id>/resume/", views.timer_resume, name="timer_resume"),
    path("timers/<int:timer_id>/complete/", views.timer_complete, name="timer_complete"),
    path("<int:pk>/", views.batch_detail, name="detail"),
    path("<int:pk>/record/", views.batch_record, name="record"),
    path("<int:pk>/start/", views.batch_start, name="start"),
    path("<int:pk>/finish/", views.batch_finish, name="finish"),
    path("<int:pk>/cancel/", views.batch_cancel, name="cancel"),
    path("<int:pk>/fail/", views.batch_fail, name="fail"),
    path("<int:pk>/extra/", views.batch_extra, name="extra"),
    path("<int:pk>/notes/", views.batch_note, name="note"),
    path("<int:pk>/timers/", views.timer_start, name="timer_start"),
]
