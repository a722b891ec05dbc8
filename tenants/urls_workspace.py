from __future__ import annotations

from django.urls import path

from tenants.views import activity, workspace

urlpatterns = [
    path("auth/handoff/", workspace.handoff, name="handoff"),
    path("signout/", workspace.signout, name="signout"),
    path("settings/members/", workspace.member_list, name="member_list"),
    path("settings/members/invite/", workspace.member_invite, name="member_invite"),
    path(
        "settings/members/<int:pk>/role/", workspace.member_change_role, name="member_change_role"
    ),
    path("settings/members/<int:pk>/remove/", workspace.member_remove, name="member_remove"),
    path(
        "settings/invitations/<int:pk>/revoke/",
        workspace.invitation_revoke,
        name="invitation_revoke",
    ),
    path("settings/profile/", workspace.profile, name="profile"),
    path("settings/workspace/", workspace.workspace_settings, name="workspace_settings"),
    path("settings/activity/", activity.activity_list, name="activity"),
]
