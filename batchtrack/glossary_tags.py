"""The glossary in templates (a builtin library, no `{% load %}` needed; see batchtrack.glossary).

- `{% term "lot" %}` shows the word with its explanation the first time the page names it, the word
  alone after that; `{% term "lot" "Lots" %}` shows "Lots" (a plural or a capital) the same way.
- `{{ item|unit_for:amount }}` is how `amount` of `item`'s stock reads: "g", "bars", "piece".
  `item` is an Item (or anything with `stock_unit` and `count_noun`), a recipe version or batch
  (`yield_unit` named by `portion_name`), or a unit's name.
- `{% costing_method_words method %}` names a costing method in plain words ("oldest first").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html

from batchtrack import glossary

register = template.Library()


@register.simple_tag(takes_context=True)
def term(context, key: str, shown: str = "") -> str:
    entry = glossary.term(key)
    seen = context.dicts[0].setdefault("_glossary_seen", set())
    if entry.word in seen:
        return shown or entry.word
    seen.add(entry.word)
    return format_html(
        '<span class="glossary-term">{}</span> <span class="text-body-secondary">({})</span>',
        shown or entry.word,
        entry.explanation,
    )


@register.filter
def unit_for(item, amount=None) -> str:
    if item is None or item == "":
        return ""
    if isinstance(item, str):
        unit, noun = item, ""
    elif hasattr(item, "stock_unit"):
        unit, noun = item.stock_unit, getattr(item, "count_noun", "") or ""
    else:  # a recipe version, a plan or a batch: its yield unit, named by its portion name
        unit, noun = item.yield_unit, getattr(item, "portion_name", "") or ""
    try:
        quantity = None if amount in (None, "") else Decimal(str(amount))
    except (InvalidOperation, ValueError):
        quantity = None
    return glossary.unit_words(unit, quantity, noun)


@register.simple_tag
def costing_method_words(method: str) -> str:
    return glossary.COSTING_METHODS.get(method, method)
