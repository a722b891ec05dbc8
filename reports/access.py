"""Who may start and download an export, asked by the export views and by every page that offers
an export control: the role and plan may export (`reports.export`), the role may see what is
exported (the kind's permission, e.g. `reports.money`), and for a money report the plan includes
that report (billing.gates.includes_report, the rule its page asks)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from batchtrack.access import request_can
from billing.gates import includes_report
from reports.exports.kinds import KINDS, ExportKind
from reports.forms import FORMAT_LABELS
from tenants.roles import PERMISSIONS


def export_refusal(request, kind: ExportKind) -> str | None:
    """Why this member may not export `kind` here, in words; None when they may."""
    for permission in ("reports.export", kind.permission):
        if permission and not request_can(request, permission):
            return f"You do not have permission to {PERMISSIONS[permission].lower()}."
    if kind.report and not includes_report(request.tenant, kind.report):
        return (
            f"Your plan doesn't include this report ({kind.label}); see Billing for one that does."
        )
    return None


def hidden_kinds(request) -> list[str]:
    """The export kinds whose jobs this member may not even see listed: those whose content needs a
    permission the role lacks (a money report's name and period are the maker's business too)."""
    return [
        key
        for key, kind in KINDS.items()
        if kind.permission and not request_can(request, kind.permission)
    ]


def may_export(request, kind: ExportKind) -> bool:
    return export_refusal(request, kind) is None


def require_export_rights(request, kind: ExportKind) -> None:
    """Raise PermissionDenied (the 403 page shows its message) unless `may_export`."""
    refusal = export_refusal(request, kind)
    if refusal:
        raise PermissionDenied(refusal)


def export_control(request, kind_key: str, params: dict) -> dict | None:
    """What a report page needs to offer "Export CSV / Excel (/ PDF)" for what it shows: the export
    form's field names with `params` as hidden values, and one button per file type. None when the
    member may not export it."""
    kind = KINDS[kind_key]
    if not may_export(request, kind):
        return None
    form = kind.form_class(prefix=kind.key)
    return {
        "kind": kind,
        "hidden": [(form.add_prefix(name), value) for name, value in params.items()],
        "format_field": form.add_prefix("format"),
        "formats": [(fmt, FORMAT_LABELS[fmt]) for fmt in kind.formats],
    }
