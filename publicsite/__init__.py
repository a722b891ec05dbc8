"""The public host's own pages (public schema): landing, pricing, legal pages, the help center, the
waitlist for features not built yet, and the search-engine basics (robots.txt, sitemap.xml).

Pricing is drawn from `billing.tiers` (the same catalogue the gates read), legal pages carry a version
and date declared once in `publicsite/legal.py`, and help articles are Markdown files in
`publicsite/articles/`, synced into a table for PostgreSQL full-text search.
"""
