from __future__ import annotations

from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.core.mail import EmailMessage
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from tenants.links import public_url
from tenants.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None) -> EmailMessage:
        """allauth's email, whose `send()` records it in the outbox instead of calling the mail
        server inside the request (tenants/mail.py)."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.send = partial(queue_email, message)  # type: ignore[method-assign]
        return message

    def get_signup_redirect_url(self, request) -> str:
        # Straight into the workspace just created (or joined); otherwise the chooser.
        slug = request.session.pop("after_signup_slug", None)
        if slug:
            return reverse("workspace_enter", args=[slug])
        return reverse("workspace_chooser")

    def respond_to_taken_signup(self, request, email: str) -> HttpResponse:
        """A sign-up with an address that already has an account: tell the address, not the page.

        The address gets an email (sign in, or reset the password) and the page says "check your
        email", so a stranger learns nothing about who has an account. Nothing is created.

        A fresh address is signed straight into its new workspace, which this can't imitate without
        creating one; so the neutral page is allauth's "we have sent you an email" page, the one a
        sign-up that must confirm its address would see. The email is sent at most as often as
        allauth sends confirmation emails to one address (its "confirm_email" rate limit); beyond
        that the page is the same and nothing is sent, so the address can't be flooded.
        """
        if ratelimit.consume(request, action="confirm_email", key=email.lower()):
            self.send_mail(
                "account/email/account_already_exists",
                email,
                {
                    "login_url": public_url(reverse("account_login"), request),
                    "password_reset_url": public_url(reverse("account_reset_password"), request),
                },
            )
        return HttpResponseRedirect(reverse("account_email_verification_sent"))
