"""Make Stripe's product catalogue match billing.tiers, and copy it into dj-stripe's tables.

    manage.py sync_billing_catalog                  # check and copy; report what is missing
    manage.py sync_billing_catalog --create-missing # also create missing products and prices

Each paid tier needs a Stripe Product with metadata `tier=<key>` and an active monthly Price with the
lookup key `batchtrack_<key>_monthly` at the catalogue's amount. A product naming an unknown tier or
feature stops the command (it would otherwise be silently ignored or, worse, grant something).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from batchtrack.errors import DomainError
from billing import stripe_api
from billing.tiers import PAID_TIERS, tier_from_metadata


class Command(BaseCommand):
    help = "Check (and with --create-missing, create) the Stripe products and prices of each tier."

    def add_arguments(self, parser):
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create products and prices that Stripe lacks (prices are created, never edited).",
        )

    def handle(self, *args, create_missing: bool = False, **options):
        if not stripe_api.is_configured():
            self.stdout.write(
                "Stripe is not configured (no STRIPE_TEST_SECRET_KEY / STRIPE_LIVE_SECRET_KEY): "
                "nothing to sync. The Free plan works without Stripe."
            )
            return
        products = stripe_api.list_products()
        prices = stripe_api.list_prices()
        by_tier: dict[str, dict] = {}
        for product in products:
            try:
                tier = tier_from_metadata(product.get("metadata"))
            except DomainError as exc:
                raise CommandError(f"Stripe product {product['id']}: {exc.message}") from exc
            if tier is not None:
                if tier.key in by_tier:
                    raise CommandError(
                        f"Two Stripe products name tier '{tier.key}': {by_tier[tier.key]['id']} "
                        f"and {product['id']}. Archive one."
                    )
                by_tier[tier.key] = product
        prices_by_key = {p["lookup_key"]: p for p in prices if p.get("lookup_key")}
        problems: list[str] = []
        synced = []
        for tier in PAID_TIERS:
            product = by_tier.get(tier.key)
            if product is None:
                if not create_missing:
                    problems.append(f"{tier.name}: no product with metadata tier={tier.key}")
                    continue
                product = stripe_api.create_product(
                    name=f"BatchTrack {tier.name}",
                    metadata={"tier": tier.key},
                    idempotency_key=f"batchtrack-product-{tier.key}",
                )
                self.stdout.write(f"Created product {product['id']} for {tier.name}")
            price = prices_by_key.get(tier.lookup_key)
            expected = tier.monthly_price_cents
            price_ok = (
                price is not None
                and price.get("product") in (product["id"], {"id": product["id"]})
                and price.get("unit_amount") == expected
                and (price.get("recurring") or {}).get("interval") == "month"
            )
            if not price_ok:
                if not create_missing:
                    problems.append(
                        f"{tier.name}: no active monthly price of {tier.monthly_price} with lookup "
                        f"key {tier.lookup_key} on product {product['id']}"
                    )
                    synced.append((product, None))
                    continue
                price = stripe_api.create_price(
                    product=product["id"],
                    unit_amount=expected,
                    lookup_key=tier.lookup_key,
                    idempotency_key=f"batchtrack-price-{tier.key}-{expected}",
                )
                self.stdout.write(f"Created price {price['id']} ({tier.lookup_key})")
            synced.append((product, price))
        self._copy_to_djstripe(synced)
        for problem in problems:
            self.stderr.write(f"Missing: {problem}")
        if problems:
            raise CommandError(
                f"{len(problems)} tier(s) are not set up in Stripe; run with --create-missing."
            )
        self.stdout.write(self.style.SUCCESS(f"Stripe catalogue matches {len(PAID_TIERS)} tiers."))

    def _copy_to_djstripe(self, synced) -> None:
        """Keep dj-stripe's copy current, so webhooks read product metadata without a Stripe call."""
        from djstripe.models import Price, Product

        for product, price in synced:
            Product.sync_from_stripe_data(product, api_key=stripe_api.require_key())
            if price is not None:
                Price.sync_from_stripe_data(price, api_key=stripe_api.require_key())
