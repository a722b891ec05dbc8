from __future__ import annotations

from django.db import connection

from tests.conftest import make_member, public_client, workspace_client


def test_unknown_host_gets_friendly_page(db):
    client = public_client()
    response = client.get("/", HTTP_HOST="nosuchplace.localhost")
    assert response.status_code == 404
    assert b"no workspace at this address" in response.content


def test_workspace_host_routes_to_its_schema(org_a, owner_a):
    response = workspace_client(owner_a, org_a).get("/")
    assert response.status_code == 200
    assert org_a.name.encode() in response.content
    assert connection.schema_name == "acme"


def test_anonymous_visitor_of_workspace_is_sent_to_public_login(org_a):
    response = workspace_client(None, org_a).get("/settings/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("http://localhost/accounts/login/?next=")
    assert response["Location"].endswith("?next=/go/acme/%3Fnext%3D%252Fsettings%252Fmembers%252F")


def test_member_of_another_workspace_gets_404(org_a, org_b):
    outsider = make_member(org_b, "owner")
    response = workspace_client(outsider, org_a).get("/")
    assert response.status_code == 404


def test_static_files_cost_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = public_client().get("/static/batchtrack/app.css", HTTP_HOST="whatever.localhost")
    assert response.status_code == 200


def test_admin_is_not_reachable_from_workspace_host(org_a, owner_a):
    owner_a.is_staff = owner_a.is_superuser = True
    owner_a.save()
    response = workspace_client(owner_a, org_a).get("/admin/")
    assert response.status_code == 404


def test_concurrent_first_requests_share_one_public_row(transactional_db):
    import threading

    from django.db import connections

    from tenants.middleware import public_organization
    from tenants.models import Organization

    Organization.objects.filter(schema_name="public").delete()
    barrier, results, errors = threading.Barrier(6), [], []

    def first_request():
        try:
            barrier.wait()
            results.append(public_organization().pk)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert Organization.objects.filter(schema_name="public").count() == 1
