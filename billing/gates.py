"""Tier gates. The tier catalogue and its limits arrive with billing; until then every workspace is on
the free tier, which sets no member limit."""

from __future__ import annotations


def check_member_limit(organization) -> None:
    return None
