"""Outgoing webhooks (a tenant app): a workspace subscribes URLs to events (stock low, lot expiring,
batch started/finished, order fulfilled). `webhooks.services.emit` records one delivery per
subscribed endpoint in the caller's transaction and queues it through the outbox; Celery sends it,
signed with the endpoint's secret (webhooks/signing.py), retrying with exponential backoff. Each
delivery's status, response code and attempts show on the settings page.
"""
