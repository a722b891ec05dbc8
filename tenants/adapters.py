from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request) -> str:
        # Straight into the workspace just created (or joined); otherwise the chooser.
        slug = request.session.pop("after_signup_slug", None)
        if slug:
            return reverse("workspace_enter", args=[slug])
        return reverse("workspace_chooser")
