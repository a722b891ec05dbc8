"""Help articles: Markdown files in `publicsite/articles/`, each opening with a front matter block

    ---
    title: Recipes and versions
    topic: Making
    summary: One sentence for the list and search results.
    order: 30
    ---

The files are the source. Pages read them (parsed once per process); search reads their copy in the
HelpArticle table (`publicsite.services.sync_help_articles`). Markdown is rendered by markdown-it-py
with raw HTML off, and the result is sanitised by nh3 all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
REQUIRED = ("title", "topic", "summary")


class ArticleFormatError(ValueError):
    """An article file without its front matter or one of its required keys."""


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    topic: str
    summary: str
    order: int
    body: str  # Markdown

    @property
    def html(self) -> str:
        return render_markdown(self.body)


_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "replacements", "smartquotes"]
)


def render_markdown(text: str) -> str:
    return nh3.clean(_markdown.render(text))


def parse_article(slug: str, text: str) -> Article:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise ArticleFormatError(
            f"{slug}.md must start with a front matter block between --- lines."
        )
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise ArticleFormatError(f"{slug}.md has no {', '.join(missing)} in its front matter.")
    return Article(
        slug=slug,
        title=meta["title"],
        topic=meta["topic"],
        summary=meta["summary"],
        order=int(meta.get("order") or 100),
        body="\n".join(lines[end + 1 :]).strip() + "\n",
    )


@cache
def all_articles() -> tuple[Article, ...]:
    """Every article, by order then title."""
    found = [
        parse_article(path.stem, path.read_text(encoding="utf-8"))
        for path in ARTICLES_DIR.glob("*.md")
    ]
    return tuple(sorted(found, key=lambda a: (a.order, a.title)))


def article(slug: str) -> Article | None:
    return next((a for a in all_articles() if a.slug == slug), None)


def by_topic() -> list[tuple[str, list[Article]]]:
    """[(topic, articles)], topics in the order of their first article."""
    topics: dict[str, list[Article]] = {}
    for item in all_articles():
        topics.setdefault(item.topic, []).append(item)
    return list(topics.items())
