"""No jargon on maker pages: the banned words (FIFO, lot, line, usable, free, intermediate, SKU and
"each" as a noun) appear only through the glossary, which explains them; domain errors and flash
messages shown to makers say it in plain words too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.glossary.plain_words import jargon, template_jargon, visible_text

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "batchtrack", "tenants", "inventory", "recipes", "batches", "products", "library",
    "notifications", "reports", "workspace", "purchasing", "sales",
]  # fmt: skip
# Errors of programming mistakes, never shown on a page.
NOT_SHOWN = {"ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError"}


def test_maker_templates_use_plain_words():
    assert template_jargon() == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Lots on hand</p>", ["Lots on hand"]),
        ('<input placeholder="SKU code">', ["SKU code"]),
        ("<th>Usable now</th>", ["Usable now"]),
        ("<p>You need 2 each more</p>", ["You need 2 each more"]),
        ('<p>{{ x|default:"no free stock" }}</p>', ["no free stock"]),
        ('<p>{% term "lot" %} {{ lot.code }}</p>', []),
        ("<p>The Free plan, each batch at $1 each</p>", []),
        ("<code>intermediate</code>", []),
        ("{# lots of notes #}<p>ok</p>", []),
        # A `{# #}` comment ends at its line: Django shows a longer one as text.
        ("{# the\nlots #}<p>ok</p>", ["{# the lots #} ok"]),
    ],
)
def test_the_scan_reads_what_a_person_reads(source, found):
    assert jargon(visible_text(source)) == found


def _message(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _shown_messages(tree: ast.AST):
    """The first argument of each `raise SomeError(...)` (but programming errors) and the text of
    each `messages.success/error/info/warning(request, ...)`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if name not in NOT_SHOWN and node.exc.args:
                yield node.lineno, _message(node.exc.args[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and getattr(node.func.value, "id", "") == "messages"
            and len(node.args) > 1
        ):
            yield node.lineno, _message(node.args[1])


def test_domain_errors_and_messages_use_plain_words():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for line, text in _shown_messages(ast.parse(path.read_text())):
                found += [f"{path.relative_to(ROOT)}:{line}: {j}" for j in jargon(text or "")]
    assert found == []


def test_shortfalls_name_counted_stock_with_its_noun():
    from decimal import Decimal

    from inventory.errors import HeldStock, Shortfall

    short = Shortfall(
        item_id=1,
        item_name="Olive Coconut Bar",
        needed=Decimal("2"),
        available=Decimal("0"),
        shortfall=Decimal("2"),
        unit="each",
        count_noun="bar",
        held=(HeldStock(HeldStock.RESERVED, Decimal("10")),),
    )
    assert short.message == (
        "You need 2 more bars of Olive Coconut Bar: this needs 2 bars. On the shelf: 10 bars held "
        "for orders; 0 bars ready to use."
    )
    mass = Shortfall(1, "olive oil", Decimal("250"), Decimal("100"), Decimal("150"), "g")
    assert mass.message == "You need 150 g more olive oil: this needs 250 g and 100 g is available."
