"""Export everything: one ZIP with every table of the workspace, as CSV per table and one XLSX per
app, the workspace's public rows under organization/ (the workspace, members, invitations,
activity) and every attached file. Built by a worker (`staff.tasks.build_workspace_export`) through batchtrack.jobs, in the
workspace's schema, so it holds that workspace's rows and no other's.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import tablib
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from batchtrack.jobs import Progress, run_job
from outbox.services import enqueue
from reports.exports.table import Table
from reports.exports.writers import write_table
from staff.models import WorkspaceExport
from staff.services.lifecycle import _file_fields, workspace_models
from tenants.audit import record_audit
from tenants.models import AuditEvent, Invitation, Membership, Organization, User

FOLDER = "workspace-exports"
UNEXPECTED = "The export could not be built. Try again; if it keeps failing, contact support."


def request_full_export(*, organization: Organization, actor: User) -> WorkspaceExport:
    """Queue the export of everything (call it in the workspace's schema: the worker builds it
    there). Records `workspace.exported` in the activity log."""
    with transaction.atomic():
        job = WorkspaceExport.objects.create(organization=organization, requested_by_id=actor.pk)
        record_audit(
            organization=organization,
            actor=actor,
            action="workspace.export_requested",
            details={"export": job.pk},
        )
        from staff.tasks import build_workspace_export

        enqueue(build_workspace_export, job.pk)
    return job


def run_full_export(*, job_id: int) -> WorkspaceExport | None:
    return run_job(WorkspaceExport, job_id=job_id, work=_build, unexpected=UNEXPECTED)


def _rows(model: type[models.Model], columns: list[str]) -> Iterator[list]:
    yield from (list(row) for row in model._base_manager.order_by("pk").values_list(*columns))


def _table(model: type[models.Model]) -> Table:
    columns = [f.attname for f in model._meta.concrete_fields]
    return Table(
        title=model._meta.db_table[:31],
        headers=columns,
        rows=_rows(model, columns),
        total=model._base_manager.count(),
    )


def _public_tables(organization: Organization) -> list[Table]:
    """The workspace's rows in the public schema, without secrets (no token hashes)."""
    members = Membership.objects.filter(organization=organization).select_related("user")
    invitations = Invitation.objects.filter(organization=organization)
    events = AuditEvent.objects.filter(organization=organization).order_by("created_at", "id")

    def table(title: str, headers: list[str], rows: Iterable[Any]) -> Table:
        listed = [list(row) for row in rows]
        return Table(title=title, headers=headers, rows=iter(listed), total=len(listed))

    return [
        table(
            "organization",
            ["name", "slug", "time_zone", "email", "tier", "created_at"],
            [
                [
                    organization.name,
                    organization.slug,
                    organization.time_zone,
                    organization.email,
                    organization.tier,
                    organization.created_at,
                ]
            ],
        ),
        table(
            "members",
            ["email", "first_name", "last_name", "role", "joined"],
            [
                [m.user.email, m.user.first_name, m.user.last_name, m.role, m.created_at]
                for m in members
            ],
        ),
        table(
            "invitations",
            ["email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"],
            invitations.values_list(
                "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"
            ),
        ),
        table(
            "activity",
            ["created_at", "actor_email", "action", "target", "details"],
            events.values_list("created_at", "actor_email", "action", "target", "details"),
        ),
    ]


def _add_attachments(archive: zipfile.ZipFile, model: type[models.Model]) -> int:
    added = 0
    for name in _file_fields(model):
        for row in model._base_manager.exclude(**{name: ""}).order_by("pk").iterator():
            field_file = getattr(row, name)
            try:
                with field_file.storage.open(field_file.name, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                continue  # a file already removed (e.g. an old export past its retention)
            base = field_file.name.rsplit("/", 1)[-1]
            archive.writestr(f"attachments/{model._meta.db_table}/{row.pk}-{base}", data)
            added += 1
    return added


def _xlsx(tables: list[Table]) -> bytes:
    book = tablib.Databook()
    for table in tables:
        data = tablib.Dataset(headers=list(table.headers), title=table.title[:31])
        for row in table.rows:
            data.append(row)
        book.add_sheet(data)
    return book.export("xlsx")


def _write_archive(
    archive: zipfile.ZipFile, organization: Organization, progress: Progress
) -> None:
    zone = ZoneInfo(organization.time_zone or "UTC")
    by_app: dict[str, list[type[models.Model]]] = {}
    for model in workspace_models():
        by_app.setdefault(model._meta.app_label, []).append(model)
    for done, (app_label, app_models) in enumerate(by_app.items()):
        progress(int(done * 90 / (len(by_app) + 1)), step=f"Exporting {app_label}")
        for model in app_models:
            archive.writestr(
                f"{app_label}/{model._meta.db_table}.csv",
                write_table(_table(model), "csv", zone=zone),
            )
            _add_attachments(archive, model)
        archive.writestr(
            f"{app_label}.xlsx", _xlsx([_xlsx_ready(_table(m), zone) for m in app_models])
        )
    for table in _public_tables(organization):
        archive.writestr(f"organization/{table.title}.csv", write_table(table, "csv", zone=zone))


def _build(job: WorkspaceExport, progress: Progress) -> dict[str, Any]:
    organization = job.organization
    # On disk while it is built: attachments can make it larger than memory should hold.
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _write_archive(archive, organization, progress)
        progress(95, step="Saving the file")
        size = buffer.tell()
        buffer.seek(0)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        name = default_storage.save(
            f"{FOLDER}/{organization.slug}-everything-{stamp}-{job.pk}.zip", File(buffer)
        )
    return {"file_name": name, "size_bytes": size}


def _xlsx_ready(table: Table, zone: ZoneInfo) -> Table:
    from reports.cells import xlsx_cell

    rows = ([xlsx_cell(value, zone) for value in row] for row in table.rows)
    return Table(title=table.title, headers=table.headers, rows=rows, total=table.total)
