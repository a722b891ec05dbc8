from __future__ import annotations

from django.urls import path

from publicsite import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("pricing/", views.pricing, name="pricing"),
    path("legal/<slug:slug>/", views.legal, name="legal"),
    path("help/", views.help_index, name="help_index"),
    path("help/<slug:slug>/", views.help_article, name="help_article"),
    path("waitlist/", views.waitlist, name="waitlist"),
    path("waitlist/confirm/<str:token>/", views.waitlist_confirmed, name="waitlist_confirm"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
]
