from __future__ import annotations

from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    message = (
        str(exception) if exception and str(exception) else "You do not have permission to do that."
    )
    return render(request, "403.html", {"message": message}, status=403)
