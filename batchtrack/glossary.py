"""The words a maker reads, written down once.

Pages say "a delivery", "stock ready to use", "10 bars", not our bookkeeping terms. Where a term is
worth keeping (a lot code is printed on labels; a product's code is scanned at the till), the page
names it through `{% term "lot" %}` (`workspace_ui`'s glossary tags), which adds its short
explanation where it first appears on the page and the word alone after that. Messages built in
Python (domain errors, flash messages) use `explain` and `count_words` the same way.

Counted stock. The unit "each" is not a word a maker says ("10 each"). A quantity in it is written
with what the item counts: its `count_noun` when it names one ("bar": "1 bar", "10 bars"), else
"piece". Every other unit is written as it is ("500 g"). `unit_words` is that rule; templates ask it
through the `in_units` filter, messages through `quantity_words`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

COUNT_UNIT = "each"
DEFAULT_COUNT_NOUN = "piece"


@dataclass(frozen=True)
class Term:
    word: str  # the word as pages show it, singular
    explanation: str  # short, plain; reads after the word in brackets


TERMS: dict[str, Term] = {
    term.word.lower(): term
    for term in (
        Term(
            "lot",
            "one delivery you received, or one batch you made, with its own code, cost and dates",
        ),
        Term("supplier lot code", "the batch number your supplier printed on what they sent"),
        Term("SKU", "one product in one size or variant, with its own code and price"),
        Term("oldest first", "stock you received or made first is used first, at what it cost"),
        Term("average cost", "the cost of stock on hand, averaged over everything you still have"),
        Term("ready to use", "on the shelf, not curing, not past its date, not held for orders"),
        Term("made ingredient", "something you make to use in other recipes, such as a soap base"),
    )
}

COSTING_METHODS = {
    "fifo": "oldest first",
    "average": "average cost",
}


def term(key: str) -> Term:
    """The glossary's entry for `key` (singular, any case). Raises KeyError for an unknown term, so
    a typo in a template fails loudly in tests."""
    return TERMS[key.lower()]


def explain(key: str, shown: str | None = None) -> str:
    """ "lot (one delivery you received, ...)": the word as shown (`shown` keeps a plural or a capital)
    with its explanation."""
    entry = term(key)
    return f"{shown or entry.word} ({entry.explanation})"


def plural(noun: str) -> str:
    """English plural of a count noun: bar -> bars, box -> boxes, jelly -> jellies; a noun that
    already ends in s (pieces, "glass jars") is taken as plural."""
    if not noun or noun.endswith("s") and not noun.endswith(("ss", "us")):
        return noun
    if noun.endswith(("ss", "x", "z", "ch", "sh", "us")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def unit_words(unit: str, quantity: Decimal | int | None = None, count_noun: str = "") -> str:
    """How a quantity's unit reads: "each" becomes the count noun ("bar", "bars" for any amount
    other than one; "piece(s)" when there is none); other units stay as they are."""
    if unit != COUNT_UNIT:
        return unit
    noun = count_noun or DEFAULT_COUNT_NOUN
    return noun if quantity is not None and quantity == 1 else plural(noun)


def quantity_words(quantity: Decimal, unit: str, count_noun: str = "") -> str:
    """ "500 g", "10 bars", "1 piece"."""
    from inventory.display import format_amount

    return f"{format_amount(quantity)} {unit_words(unit, quantity, count_noun)}"
