from __future__ import annotations

import html
import re


def text_of(response) -> str:
    """What a reader sees: the page's text (each tag as a space), entities decoded, whitespace runs
    as one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
