from __future__ import annotations

from django.urls import path

from tenants.views import public

urlpatterns = [
    path("workspaces/", public.workspace_chooser, name="workspace_chooser"),
    path("workspaces/new/", public.workspace_create, name="workspace_create"),
    path("go/<slug:slug>/", public.workspace_enter, name="workspace_enter"),
    path("signup/check-slug/", public.check_slug, name="check_slug"),
    path("invitations/<str:token>/", public.invitation, name="invitation"),
    path("signout/", public.signout_relay, name="signout_relay"),
]
