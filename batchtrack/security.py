"""Content-Security-Policy with the hosts of this deployment.

The static policy lives in settings.CONTENT_SECURITY_POLICY. Forms post, and are redirected, between the
public host and workspace hosts (sign-in hands over to a workspace; a workspace's sign-out relays to
the public host), so `form-action` must name both. They derive from BASE_DOMAIN, which is read per
request rather than frozen into the setting. Host sources carry no scheme (they then match the page's
scheme, http in development and https in production) and any port.

The staff-only admin on the public host renders django-tenants' admin templates, which carry inline
style attributes; there (and only there) inline styles are allowed, rather than keeping copies of
those templates. Scripts stay 'self' everywhere.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            domain = settings.BASE_DOMAIN
            hosts = [f"{domain}:*", f"*.{domain}:*"]
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", ()), *hosts]
            if request.path.startswith("/admin/"):
                styles = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
                update["style-src"] = [*styles, "'unsafe-inline'"]
            parts.update = update
        return parts
