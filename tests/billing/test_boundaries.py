"""tenants and billing do not import each other: what joins them lives above both (batchtrack)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(app: str) -> dict[str, set[str]]:
    """Every module each file of `app` imports (module level, in functions, under TYPE_CHECKING)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(("app", "other"), [("tenants", "billing"), ("billing", "tenants")])
def test_an_app_does_not_import_the_other(app, other):
    offending = {
        path: sorted(name for name in names if name == other or name.startswith(f"{other}."))
        for path, names in imported_modules(app).items()
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_the_sweep_sees_the_imports_it_checks():
    # Guards the test itself: the walk finds both kinds of import, at any depth.
    modules = imported_modules("billing")
    assert "batchtrack.access" in modules["billing/views.py"]
    assert "django_tenants.utils" in modules["billing/gates.py"]
    assert "tenants.roles" in imported_modules("batchtrack")["batchtrack/access.py"]
