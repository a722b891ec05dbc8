from __future__ import annotations

import html

from django.utils.html import strip_tags


def text_of(response) -> str:
    """What a reader sees: the page without tags, entities decoded, whitespace runs as one space."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())
