"""The public host's own pages: landing, pricing, legal, help, waitlist, robots.txt and sitemap."""

from __future__ import annotations

import nh3
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from batchtrack.errors import DomainError
from batchtrack.ratelimits import rate_limited
from publicsite import help as articles
from publicsite.forms import HelpQuery, WaitlistForm, WaitlistQuery
from publicsite.legal import PAGES
from publicsite.selectors import plan_cards, search_help
from publicsite.services import confirm_waitlist, join_waitlist
from tenants.links import public_url


@require_GET
def landing(request):
    if request.user.is_authenticated:
        return redirect("workspace_chooser")
    return render(request, "publicsite/landing.html", {"plans": plan_cards()})


@require_GET
def pricing(request):
    return render(request, "publicsite/pricing.html", {"plans": plan_cards()})


@require_GET
def legal(request, slug: str):
    page = PAGES.get(slug)
    if page is None:
        raise Http404("No such page.")
    return render(request, f"publicsite/legal/{slug}.html", {"page": page, "pages": PAGES})


@require_GET
def help_index(request):
    query = HelpQuery(request.GET).values["q"].strip()
    results = None
    if query:
        results = [
            {"article": found, "snippet": nh3.clean(found.snippet, tags={"mark"})}
            for found in search_help(query)[:20]
        ]
    return render(
        request,
        "publicsite/help_index.html",
        {"topics": articles.by_topic(), "query": query, "results": results},
    )


@require_GET
def help_article(request, slug: str):
    found = articles.article(slug)
    if found is None:
        raise Http404("No such help article.")
    related = [a for a in articles.all_articles() if a.topic == found.topic and a.slug != slug]
    return render(request, "publicsite/help_article.html", {"article": found, "related": related})


@require_http_methods(["GET", "POST"])
@rate_limited("waitlist")
def waitlist(request):
    form = WaitlistForm(request.POST or None, initial=WaitlistQuery(request.GET).values)
    if request.method == "POST" and form.is_valid():
        try:
            join_waitlist(
                email=form.cleaned_data["email"],
                feature=form.cleaned_data["feature"],
                note=form.cleaned_data["note"],
                trap=form.cleaned_data["website"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return render(
                request, "publicsite/waitlist_sent.html", {"email": form.cleaned_data["email"]}
            )
    status = 400 if form.errors else 200
    return render(request, "publicsite/waitlist.html", {"form": form}, status=status)


@require_GET
def waitlist_confirmed(request, token: str):
    try:
        entry = confirm_waitlist(token=token)
    except DomainError as exc:
        return render(
            request, "publicsite/waitlist_confirmed.html", {"error": exc.message}, status=410
        )
    return render(request, "publicsite/waitlist_confirmed.html", {"entry": entry})


# Pages a search engine may list: the public site only (workspace hosts answer robots.txt with
# "disallow everything", publicsite/middleware.py).
def sitemap_paths() -> list[str]:
    paths = [
        reverse("landing"),
        reverse("pricing"),
        reverse("help_index"),
        reverse("waitlist"),
        reverse("tools:index"),
        reverse("tools:soap"),
        reverse("tools:candle"),
        reverse("tools:lotion"),
        reverse("account_signup"),
    ]
    paths += [reverse("legal", args=[slug]) for slug in PAGES]
    paths += [reverse("help_article", args=[a.slug]) for a in articles.all_articles()]
    return paths


@require_GET
def sitemap_xml(request):
    return render(
        request,
        "publicsite/sitemap.xml",
        {"urls": [public_url(path, request) for path in sitemap_paths()]},
        content_type="application/xml",
    )


@require_GET
def robots_txt(request):
    body = (
        "User-agent: *\n"
        "Disallow: /accounts/\nDisallow: /admin/\nDisallow: /go/\nDisallow: /workspaces/\n"
        "Disallow: /invitations/\nDisallow: /tools/save/\n"
        f"Sitemap: {public_url(reverse('sitemap'), request)}\n"
    )
    return HttpResponse(body, content_type="text/plain")
