from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from batchtrack.ratelimits import TooManySignInAttempts
from tenants.links import public_url
from tenants.mail import email_site, queue_email
from tenants.services import sign_in_limits


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None) -> EmailMessage:
        """allauth's email, whose `send()` records it in the outbox instead of calling the mail
        server inside the request (tenants/mail.py)."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.send = partial(queue_email, message)  # type: ignore[method-assign]
        return message

    def send_mail(self, template_prefix, email, context) -> None:
        """allauth's emails name BatchTrack and its public domain (tenants.mail.email_site); the
        subject prefix is settings.ACCOUNT_EMAIL_SUBJECT_PREFIX."""
        super().send_mail(template_prefix, email, {"current_site": email_site(), **context})

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth's sign-in limit, as a 429 page rather than a form error; counted in the database
        while the cache is unavailable (tenants/services/sign_in_limits.py)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            if exc.code == "too_many_login_attempts":
                raise TooManySignInAttempts() from exc
            raise
        # allauth's counting just failed, or was skipped, when the circuit is open.
        self._counted_in_database: list[int] = []
        if sign_in_limits.cache_unavailable():
            key = self._get_login_attempts_cache_key(request, **credentials)
            self._counted_in_database = sign_in_limits.count_attempt(request, login_key=key)

    def _rollback_login_failed_rl_usage(self) -> None:
        # Called by allauth when the password was right: that attempt does not count.
        super()._rollback_login_failed_rl_usage()
        sign_in_limits.take_back(getattr(self, "_counted_in_database", []))

    def get_signup_redirect_url(self, request) -> str:
        # Straight into the workspace just created (or joined); otherwise the chooser.
        slug = request.session.pop("after_signup_slug", None)
        # e.g. the draft recipe a free tool's result became (tools.services.save_waiting_tool_draft)
        next_path = request.session.pop("after_signup_next", None)
        if slug:
            target = reverse("workspace_enter", args=[slug])
            return f"{target}?{urlencode({'next': next_path})}" if next_path else target
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
