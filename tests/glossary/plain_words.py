"""Finding jargon in what a maker reads: the visible text of templates (tags, variables, comments
and markup removed; the attributes a person reads kept) and domain-error messages.

A banned word may appear on a page only through the glossary (`{% term "lot" %}`), which explains
it where it first appears; the tag itself is template code, so the scan never sees the word.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Platform staff's admin pages are not maker pages.
NOT_MAKER_PAGES = ("admin/",)
# The public site and free tools hold no stock: there "free" is only ever the price.
PRICE_PAGES = ("publicsite/", "tools/")
_PRICE_FREE = re.compile(r"\bfree\b", re.I)

BANNED = re.compile(
    r"\b(fifo|lots?|lines?|usable|free|intermediates?|skus?)\b"
    # "each" as a noun: a number of "each" ("10 each"), "each more", "each is available".
    r"|(?<![\d.,$€£¥])\d[\d.,]*\s*each\b|\beach\s+(?:more|are|available|left|on hand)\b",
    re.IGNORECASE,
)
# Uses of a banned word that mean something else, each with its reason.
ALLOWED = [
    # The plan is called "Free": the price, not free stock.
    re.compile(r"\bfree plan\b|\bplan[^.]{0,40}\bfree\b|\bfree\b(?= trial| of charge)", re.I),
    re.compile(r"\bfor free\b|\bfree to\b|\bfree text\b", re.I),
    # The lines of the US Schedule C form are that form's own numbering.
    re.compile(r"\blines? \d+", re.I),
    re.compile(r"\badd lines\b", re.I),
    # "Online", "a lot of", "new line" (a line of text in a note) are plain English.
    re.compile(r"\ba lot\b(?! \w+ code)", re.I),
]

# Django's `{# #}` comment is one line only: a longer one is shown on the page as it is.
_COMMENT = re.compile(r"\{#[^\n]*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_CODE_ELEMENT = re.compile(r"<code\b.*?</code>", re.S | re.I)
_READ_ATTRIBUTES = re.compile(r"\b(?:title|aria-label|placeholder|alt)\s*=\s*\"([^\"]*)\"", re.I)
_TAG = re.compile(r"<[^>]*>")
# Text inside template code that still reaches the page: `default:"..."`.
_SHOWN_LITERALS = re.compile(r"default(?:_if_none)?:\"([^\"]*)\"")


def visible_text(source: str) -> str:
    """What a person can read of a template's source: text nodes and read-aloud attributes."""
    source = _COMMENT.sub(" ", source)
    shown = " ".join(_SHOWN_LITERALS.findall(source))
    source = _CODE.sub(" ", source)
    source = _SCRIPT.sub(" ", source)
    source = _CODE_ELEMENT.sub(" ", source)
    attributes = " ".join(_READ_ATTRIBUTES.findall(source))
    text = _TAG.sub(" ", source)
    return " ".join(f"{text} {attributes} {shown}".split())


def jargon(text: str) -> list[str]:
    """The banned words in `text`, each with a little context, outside the allowed uses."""
    for allowed in ALLOWED:
        text = allowed.sub(" ", text)
    found = []
    for match in BANNED.finditer(text):
        start, end = max(match.start() - 30, 0), match.end() + 30
        found.append(text[start:end])
    return found


def maker_templates() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".txt")
        and not str(path.relative_to(TEMPLATES)).startswith(NOT_MAKER_PAGES)
    )


def template_jargon() -> dict[str, list[str]]:
    """Each maker template with jargon in its visible text, and the jargon found."""
    found = {}
    for path in maker_templates():
        text = visible_text(path.read_text())
        if str(path.relative_to(TEMPLATES)).startswith(PRICE_PAGES):
            text = _PRICE_FREE.sub(" ", text)
        words = jargon(text)
        if words:
            found[str(path.relative_to(TEMPLATES))] = words
    return found
