from __future__ import annotations

import pytest

from billing.errors import UnknownFeature, UnknownTier
from billing.tiers import (
    FEATURES,
    LIMITS,
    PERMISSION_FEATURES,
    TIERS,
    cheapest_tier_with,
    get_tier,
    next_tier_raising,
    tier_from_metadata,
)
from tenants.roles import PERMISSIONS


def test_catalogue_has_four_tiers_in_order():
    assert [t.key for t in sorted(TIERS.values(), key=lambda t: t.rank)] == [
        "free",
        "maker",
        "pro",
        "team",
    ]


def test_each_tier_includes_the_one_below():
    ordered = sorted(TIERS.values(), key=lambda t: t.rank)
    for lower, higher in zip(ordered, ordered[1:], strict=False):
        assert lower.features <= higher.features
        for limit in LIMITS:
            a, b = lower.limits[limit], higher.limits[limit]
            assert b is None or (a is not None and b >= a)


def test_every_tier_sets_every_limit_and_only_declared_features():
    for tier in TIERS.values():
        assert set(tier.limits) == set(LIMITS)
        assert tier.features <= set(FEATURES)


def test_paid_tiers_have_lookup_keys():
    assert TIERS["free"].lookup_key is None
    assert TIERS["pro"].lookup_key == "batchtrack_pro_monthly"


def test_tier_comes_from_product_metadata():
    assert tier_from_metadata({"tier": "pro"}).key == "pro"
    assert tier_from_metadata({"tier": " Team "}).key == "team"
    assert tier_from_metadata({}) is None


@pytest.mark.parametrize(
    "metadata", [{"tier": "gold"}, {"tier": "pro", "features": "exports,nope"}]
)
def test_unknown_names_in_metadata_fail_loudly(metadata):
    with pytest.raises((UnknownTier, UnknownFeature)):
        tier_from_metadata(metadata)


def test_unknown_tier_name_fails_loudly():
    with pytest.raises(UnknownTier):
        get_tier("enterprise")


def test_permission_features_name_declared_permissions_and_features():
    for permission, feature in PERMISSION_FEATURES.items():
        assert permission in PERMISSIONS
        assert feature in FEATURES


def test_upgrade_paths():
    assert next_tier_raising(TIERS["free"], "members").key == "maker"
    assert next_tier_raising(TIERS["team"], "members") is None
    assert cheapest_tier_with("traceability_reports").key == "pro"
