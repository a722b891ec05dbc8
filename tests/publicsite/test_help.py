"""Help articles: Markdown files rendered safely, listed by topic, searched with PostgreSQL."""

from __future__ import annotations

import pytest

from publicsite import help as articles
from publicsite.models import HelpArticle
from publicsite.services import sync_help_articles
from tests.conftest import public_client
from tests.publicsite.helpers import text_of

REQUIRED_ARTICLES = [
    "getting-started",
    "receiving-stock-and-units",
    "recipes-and-versions",
    "batches-and-curing",
    "fifo-and-cost-per-unit",
    "expiry-and-recall",
    "products-and-selling",
    "plans-and-billing",
    "exporting-your-data",
    "deleting-your-account",
]


@pytest.fixture
def synced(db):
    sync_help_articles()


def test_the_ten_articles_the_issue_names_exist_and_render(db):
    slugs = {a.slug for a in articles.all_articles()}
    assert set(REQUIRED_ARTICLES) <= slugs
    for slug in REQUIRED_ARTICLES:
        response = public_client().get(f"/help/{slug}/")
        assert response.status_code == 200
        assert "<h2>" in response.content.decode()


def test_index_lists_articles_by_topic(db):
    text = text_of(public_client().get("/help/"))
    assert text.index("Getting started") < text.index("Stock") < text.index("Making")
    assert "FIFO and cost per unit, explained for makers" in text


def test_markdown_is_sanitised():
    html = articles.render_markdown(
        "Hi <script>alert(1)</script> [x](javascript:alert(1)) **bold**\n\n<img src=x onerror=y>"
    )
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html
    assert "<strong>bold</strong>" in html


def test_an_article_without_front_matter_is_refused():
    with pytest.raises(articles.ArticleFormatError, match="must start with a front matter"):
        articles.parse_article("bad", "# No front matter")
    with pytest.raises(articles.ArticleFormatError, match="has no summary"):
        articles.parse_article("bad", "---\ntitle: T\ntopic: X\n---\nbody")


def test_sync_copies_the_files_and_removes_stale_rows(db):
    HelpArticle.objects.create(slug="gone", title="Gone", topic="x", summary="x", body="x")
    assert sync_help_articles() == len(articles.all_articles())
    assert not HelpArticle.objects.filter(slug="gone").exists()
    assert HelpArticle.objects.filter(search_vector__isnull=False).count() == len(
        articles.all_articles()
    )


@pytest.mark.parametrize(
    "query, first",
    [
        ("recall", "Expiry and recall"),
        ("cure soap", "Batches and curing"),
        ("FIFO", "FIFO and cost per unit, explained for makers"),
        ("density", "Receiving stock and units"),
        ("cancel plan", "Plans and billing"),
    ],
)
def test_search_finds_the_right_article_first(synced, query, first):
    response = public_client().get("/help/", {"q": query})
    text = text_of(response)
    results = text.split("about “", 1)[1]
    assert results.index(first) == min(
        results.index(a.title) for a in articles.all_articles() if a.title in results
    )


def test_search_marks_the_words_and_says_when_nothing_matched(synced):
    html = public_client().get("/help/", {"q": "recall"}).content.decode()
    assert "<mark>" in html
    text = text_of(public_client().get("/help/", {"q": "zzzzqqq"}))
    assert "0 articles about “zzzzqqq”" in text
    assert "Nothing matched." in text


def test_hostile_search_text_is_an_ordinary_page(synced):
    response = public_client().get("/help/", {"q": "<script>'\" & | ! ( \x00"})
    assert response.status_code == 200
    assert "<script>'" not in response.content.decode()


def test_the_sync_command(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sync_help_articles", stdout=out)
    assert out.getvalue() == f"{len(articles.all_articles())} help articles synced.\n"
    assert str(HelpArticle.objects.get(slug="getting-started")) == "Getting started"
