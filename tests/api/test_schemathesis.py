"""schemathesis runs the generated OpenAPI schema against a live test server: every operation, with
a valid key, a few generated requests each (valid and not). No answer may be a 5xx, and every answer
must match the schema (status, content type, body). Kept short: bounded examples, one workspace."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import new_key, on_tier
from tests.concurrency import empty_workspace
from tests.conftest import ensure_workspace

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WORKSPACE_APPS = [app for app in settings.TENANT_APPS if app not in settings.SHARED_APPS]
TARGET: dict[str, object] = {}
# Examples per operation: valid requests, and requests that break the schema on purpose.
EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}


def _seed(organization) -> None:
    """A little of everything, so reads return rows and writes have ids to hit."""
    from django_tenants.utils import tenant_context

    from tests.inventory.factories import ItemFactory, stock
    from tests.recipes.factories import make_recipe

    with tenant_context(organization):
        oil = ItemFactory(name="Olive oil")
        stock(oil, 5000, "0.01")
        make_recipe(lines=[(oil, "500", "g")])


@pytest.fixture
def api_schema(transactional_db, live_server):
    organization = ensure_workspace("apicheck", "API Check Soap")
    empty_workspace(organization, WORKSPACE_APPS)
    on_tier(organization, "team")
    _seed(organization)
    TARGET.update(
        base_url=live_server.url,
        headers={
            "Authorization": f"Api-Key {new_key(organization, 'admin')}",
            "Host": f"{organization.slug}.{settings.BASE_DOMAIN}",
        },
    )
    raw = SchemaGenerator().get_schema(request=None, public=True)
    yield schemathesis.openapi.from_dict(raw)
    empty_workspace(organization, WORKSPACE_APPS)


def _run(operation, mode: GenerationMode, failures: list[str]) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(
            base_url=TARGET["base_url"], headers=TARGET["headers"], checks=CHECKS
        )

    try:
        run()
    except (
        Exception,
        BaseExceptionGroup,
    ) as exc:  # every operation runs; the failures are reported together
        failures.append(f"{operation.label} ({mode}): {exc}"[:2000])


def test_every_operation_conforms_and_never_fails(api_schema):
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30
    for operation in operations:
        for mode in EXAMPLES:
            _run(operation, mode, failures)
    assert not failures, "\n\n".join(failures)
