"""Signing out forgets the messages still waiting to be shown, so the sign-in page shows only "You
have signed out." and not a pile of old notices (a sign-in greeting the public host never got to
show before the handoff, a "saved" from the workspace...)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver


def forget_old_messages(request) -> None:
    """Drop the messages stored by earlier requests; ones added in this request (allauth's "signed
    out", added just before it logs out) are still shown."""
    if request is None or not hasattr(request, "_messages"):
        return
    storage = messages.get_messages(request)
    # Counting loads the stored ones (so the storages holding them are flushed on the response);
    # marked used, the storage then keeps only what this request added.
    len(storage)
    storage.used = True


@receiver(user_logged_out, dispatch_uid="tenants.forget_old_messages")
def _on_sign_out(sender, request=None, **kwargs) -> None:
    forget_old_messages(request)
