"""Workspace files in shared S3-compatible storage (batchtrack/storage.py): exports, imports and
supplier documents are written to and streamed from a real local S3 server (moto's server mode,
spoken to over HTTP like any S3 service), each workspace's keys under its own schema name."""

from __future__ import annotations

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from batchtrack.storage import LOCAL, workspace_file_storage
from purchasing.services import Subject, attach_document, create_supplier
from reports.models import ExportJob
from reports.services import request_export, run_export
from tests.conftest import make_member, workspace_client
from tests.inventory.factories import ItemFactory, stock
from tests.purchasing.conftest import PDF
from tests.reports.conftest import on_tier

BUCKET = "batchtrack-files"
KEYS = {"access_key": "test-key", "secret_key": "test-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        region_name=KEYS["region_name"],
    )
    client.create_bucket(Bucket=BUCKET)
    files = workspace_file_storage(f"s3://{BUCKET}/prod", {**KEYS, "endpoint_url": s3_endpoint})
    settings.STORAGES = {**settings.STORAGES, "default": files}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_an_export_is_written_to_s3_and_streamed_to_the_member(bucket, org_a, in_workspace):
    pro_a = on_tier(org_a, "pro")
    with in_workspace(pro_a):
        stock(ItemFactory(name="Beeswax"), "5", "2")
        job = request_export(
            kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC"
        )
        job = run_export(job_id=job.pk)
    [key] = keys(bucket)
    assert key == f"prod/{pro_a.schema_name}/{job.file.name}"
    assert key.startswith(f"prod/{pro_a.schema_name}/exports/")

    owner = workspace_client(make_member(pro_a, "owner"), pro_a)
    response = owner.get(f"/reports/exports/job/{job.pk}/download/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Beeswax" in body


def test_documents_of_two_workspaces_stay_under_their_own_keys(bucket, org_a, org_b, in_workspace):
    stored = {}
    for org in (org_a, org_b):
        with in_workspace(org):
            supplier = create_supplier(name=f"Oleo {org.slug}", lead_time_days=5)
            document = attach_document(
                subject=Subject("supplier", supplier.pk),
                kind="coa",
                upload=SimpleUploadedFile("coa.pdf", PDF, "application/pdf"),
            )
            stored[org.schema_name] = document
    assert keys(bucket) == sorted(
        f"prod/{schema}/{document.file.name}" for schema, document in stored.items()
    )
    with in_workspace(org_a):
        assert ExportJob.objects.count() == 0
        assert stored[org_a.schema_name].file.read() == PDF


def test_local_folders_unless_a_storage_url_is_given():
    assert workspace_file_storage("", {}) == LOCAL


@pytest.mark.parametrize("url", ["https://bucket", "s3://", "bucket/prefix"])
def test_a_storage_url_that_is_not_s3_stops_start_up_with_a_clear_error(url):
    with pytest.raises(ValueError, match="STORAGE_URL must look like s3://bucket"):
        workspace_file_storage(url, {})
