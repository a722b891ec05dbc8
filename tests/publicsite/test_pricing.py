"""The pricing page is drawn from billing.tiers, the catalogue every gate reads."""

from __future__ import annotations

from types import MappingProxyType

from billing import tiers
from tests.conftest import public_client
from tests.publicsite.helpers import text_of


def test_pricing_lists_every_tier_with_its_price_limits_and_features(db):
    text = text_of(public_client().get("/pricing/"))
    for tier in tiers.TIERS.values():
        assert tier.name in text
        assert tier.blurb in text
    assert "$0 free forever" in text
    assert "$19 a month" in text
    assert "Up to 50 inventory items" in text
    assert "Up to 5,000 inventory items" in text
    assert "Unlimited recipes" in text
    assert tiers.FEATURES["traceability_reports"] in text
    # Built and on the Maker plan: sold.
    assert "api" in tiers.MAKER.features
    assert tiers.FEATURES["api"] in text
    # Declared but not built: never sold.
    assert "custom_roles" in tiers.NOT_YET_BUILT
    assert tiers.FEATURES["custom_roles"] not in text


def test_changing_a_limit_in_the_catalogue_changes_the_page(db, monkeypatch):
    before = text_of(public_client().get("/pricing/"))
    assert "Up to 10 recipes" in before
    limits = dict(tiers.FREE.limits, recipes=12)
    changed = tiers.Tier(
        key="free",
        name=tiers.FREE.name,
        rank=0,
        monthly_price_cents=0,
        features=tiers.FREE.features,
        limits=MappingProxyType(limits),
        blurb=tiers.FREE.blurb,
    )
    monkeypatch.setattr(tiers, "TIERS", MappingProxyType({**tiers.TIERS, "free": changed}))
    monkeypatch.setattr("publicsite.selectors.TIERS", tiers.TIERS)
    after = text_of(public_client().get("/pricing/"))
    assert "Up to 12 recipes" in after
    assert "Up to 10 recipes" not in after


def test_a_synced_stripe_price_wins_over_the_catalogue(db):
    from djstripe.models import Price, Product

    product = Product.objects.create(id="prod_maker", name="Maker", stripe_data={})
    Price.objects.create(
        id="price_maker",
        product=product,
        active=True,
        currency="usd",
        lookup_key="batchtrack_maker_monthly",
        stripe_data={"unit_amount": 2150},
    )
    text = text_of(public_client().get("/pricing/"))
    assert "$21.50 a month" in text
    assert "$19 a month" not in text
    assert "$49 a month" in text  # pro has no synced price: the catalogue's
