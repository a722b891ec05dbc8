"""Staff pages inside the admin (public host): dashboard, integration checks, starting support."""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from batchtrack.errors import DomainError
from staff.forms import SupportStartForm
from staff.integrations import all_checks, send_test_email
from staff.selectors import staff_dashboard
from staff.services.support import start_support_session


def _context(request, title: str, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def dashboard(request):
    return render(
        request,
        "staff/admin/dashboard.html",
        _context(request, "Staff dashboard", board=staff_dashboard()),
    )


@require_http_methods(["GET", "POST"])
def integrations(request):
    test = None
    if request.method == "POST":
        test = send_test_email(request.user.email)
    return render(
        request,
        "staff/admin/integrations.html",
        _context(request, "Integration checks", checks=all_checks(), test=test),
    )


@require_http_methods(["GET", "POST"])
def support_start(request):
    """Open a support session (policy checked by the service), then hand over to hijack."""
    form = SupportStartForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            session = start_support_session(
                staff=request.user,
                organization=form.cleaned_data["organization"],
                member=form.cleaned_data["member"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return render(
                request,
                "staff/admin/support_confirm.html",
                _context(request, "Open the support session", session=session),
            )
    return render(
        request,
        "staff/admin/support_start.html",
        _context(request, "Support access", form=form),
        status=400 if form.errors else 200,
    )
