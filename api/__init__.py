"""The public REST API under /api/v1/ on each workspace host (a tenant app: its keys live in the
workspace's schema, so a key is unknown on every other workspace's host).

Django REST framework views, one module per resource (views/), serializers likewise (serializers/).
Reads go through the owning apps' selectors, writes through their services, so the API keeps the
pages' rules, errors, locks and ledger. Every domain error becomes a JSON error in one place
(api/exceptions.py). Who may call what: api/auth.py (an API key with a role, or a member's session)
and api/permissions.py (`role_can`: role AND tier). Per-key limits by tier: api/limits.py.
"""
