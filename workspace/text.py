"""Small pieces of plain English for the workspace pages."""

from __future__ import annotations


def plural(word: str) -> str:
    """A portion's name for several of them: bar -> bars, box -> boxes."""
    if not word:
        return word
    return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
