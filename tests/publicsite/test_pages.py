"""The public site's pages: each answers on the public host, with its title and description."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import public_client
from tests.publicsite.helpers import text_of

PUBLIC_PAGES = [
    "/",
    "/pricing/",
    "/legal/terms/",
    "/legal/privacy/",
    "/legal/cookies/",
    "/legal/data-processing/",
    "/legal/subprocessors/",
    "/help/",
    "/help/getting-started/",
    "/help/fifo-and-cost-per-unit/",
    "/waitlist/",
    "/tools/",
    "/tools/soap/",
    "/tools/candle/",
    "/tools/lotion/",
    "/tools/save/",
]
MAX_PAGE_BYTES = 100 * 1024


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_a_title_and_a_description(db, path):
    response = public_client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<title>[^<]+ · BatchTrack</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert "X-Robots-Tag" not in response


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_html_and_css_stay_under_100_kb_as_sent(db, path):
    """HTML plus every stylesheet it links, gzip-compressed as WhiteNoise serves static files."""
    html = public_client().get(path).content
    total = len(gzip.compress(html))
    for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html):
        with open(finders.find(href.decode()), "rb") as css:
            total += len(gzip.compress(css.read()))
    assert total < MAX_PAGE_BYTES


def test_public_pages_need_no_javascript_to_read(db):
    for path in ("/", "/pricing/", "/help/getting-started/", "/tools/soap/"):
        html = public_client().get(path).content.decode()
        main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        assert "<script" not in main


def test_signed_in_visitor_goes_from_the_landing_page_to_their_workspaces(db, owner_a):
    response = public_client(owner_a).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/workspaces/"


def test_unknown_legal_page_and_article_are_404(db):
    assert public_client().get("/legal/nonsense/").status_code == 404
    assert public_client().get("/help/nonsense/").status_code == 404


def test_legal_pages_show_version_and_date(db):
    text = text_of(public_client().get("/legal/terms/"))
    assert "Version 2026-12, last updated 6 December 2026." in text
    sub = text_of(public_client().get("/legal/subprocessors/"))
    for name in ("Stripe", "Google", "Our email provider"):
        assert name in sub


def test_robots_and_sitemap_on_the_public_host(db):
    robots = public_client().get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://localhost/sitemap.xml" in robots.content.decode()
    assert "Disallow: /accounts/" in robots.content.decode()
    sitemap = public_client().get("/sitemap.xml").content.decode()
    for path in ("/pricing/", "/tools/soap/", "/help/expiry-and-recall/", "/legal/terms/"):
        assert f"<loc>http://localhost{path}</loc>" in sitemap
    assert "/tools/save/" not in sitemap


def test_workspace_hosts_are_never_indexed(db, org_a, owner_a):
    from tests.conftest import workspace_client

    robots = workspace_client(None, org_a).get("/robots.txt")
    assert robots.status_code == 200
    assert robots.content.decode() == "User-agent: *\nDisallow: /\n"
    assert robots["X-Robots-Tag"] == "noindex, nofollow"
    page = workspace_client(owner_a, org_a).get("/")
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    signed_out = workspace_client(None, org_a).get("/inventory/")
    assert signed_out["X-Robots-Tag"] == "noindex, nofollow"


def test_every_help_link_in_the_workspace_names_an_existing_article():
    from pathlib import Path

    from django.conf import settings

    from publicsite.help import article

    templates = Path(settings.BASE_DIR, "templates")
    linked = set()
    for path in templates.rglob("*.html"):
        if path.name == "help_link.html":
            continue  # its own usage comment
        linked |= set(re.findall(r'help_link.html" with article="([a-z0-9-]+)"', path.read_text()))
    assert len(linked) >= 9
    assert [slug for slug in sorted(linked) if article(slug) is None] == []


def test_a_workspace_page_links_to_its_help_article(db, org_a, owner_a):
    from tests.conftest import workspace_client

    html = workspace_client(owner_a, org_a).get("/reports/").content.decode()
    assert 'href="http://localhost/help/exporting-your-data/"' in html
    assert "Help: exporting your data (opens in a new tab)" in html
