"""Workspace hosts are never indexed: every answer says `noindex`, and robots.txt disallows all."""

from __future__ import annotations

from django.http import HttpResponse

from tenants.middleware import is_workspace_request


class WorkspaceNoIndexMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_workspace_request(request):
            return self.get_response(request)
        if request.path == "/robots.txt":
            response = HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
        else:
            response = self.get_response(request)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
