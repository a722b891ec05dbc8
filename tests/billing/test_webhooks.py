"""Signed webhook payloads posted to dj-stripe's real endpoint; Stripe's API faked over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from billing.models import BillingEvent
from billing.policy import access_for
from tenants.models import Organization
from tests.billing import stripe_objects as so


def _org(organization) -> Organization:
    return Organization.objects.get(pk=organization.pk)


def _at(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


def _subscription_event(fake, type_="customer.subscription.updated", *, created, **fields):
    """An event carrying the subscription, with Stripe (the fake) serving the same object."""
    sub = fake.put(f"/v1/subscriptions/{fields.get('id', 'sub_1')}", so.subscription(**fields))
    return so.event(type_, sub, created=created)


def test_subscription_created_sets_tier_status_and_period(customer, send_event, stripe_fake):
    trial_end = so.NOW + 14 * so.DAY
    event = _subscription_event(
        stripe_fake,
        "customer.subscription.created",
        created=so.NOW,
        status="trialing",
        tier="pro",
        trial_end=trial_end,
        period_end=trial_end,
    )
    response = send_event(event)
    assert response.status_code == 200
    org = _org(customer)
    assert (org.tier, org.billing_status) == ("pro", "trialing")
    assert org.trial_ends_at == _at(trial_end)
    assert org.current_period_end == _at(trial_end)
    assert org.stripe_subscription_id == "sub_1"
    assert org.billing_event_at == _at(so.NOW)
    assert org.billing_event_id == event["id"]
    assert access_for(org).tier.key == "pro"


def test_bad_signature_is_refused_and_changes_nothing(customer, send_event, stripe_fake):
    event = _subscription_event(stripe_fake, created=so.NOW, status="active", tier="team")
    response = send_event(event, secret="whsec_someone_else")
    assert response.status_code == 400
    org = _org(customer)
    assert (org.tier, org.billing_status) == ("free", "none")
    assert not BillingEvent.objects.exists()
    assert stripe_fake.requests == []


def test_missing_signature_is_refused(customer, webhook_endpoint):
    from tests.conftest import public_client

    response = public_client().post(
        f"/stripe/webhook/{webhook_endpoint.djstripe_uuid}/",
        data=so.dumps(so.event("invoice.paid", so.invoice(paid=True), created=so.NOW)),
        content_type="application/json",
    )
    assert response.status_code == 400


def test_replayed_event_acts_once(customer, send_event, stripe_fake):
    event = _subscription_event(stripe_fake, created=so.NOW, status="active", tier="pro")
    assert send_event(event).status_code == 200
    calls_after_first = len(stripe_fake.requests)
    # Meanwhile the organization moves on (a later event); the replay must not undo that.
    later = _subscription_event(stripe_fake, created=so.NOW + 60, status="active", tier="maker")
    assert send_event(later).status_code == 200
    calls_before_replay = len(stripe_fake.requests)

    assert send_event(event).status_code == 200

    assert len(stripe_fake.requests) == calls_before_replay  # dj-stripe did not re-process it
    assert calls_after_first > 0
    assert _org(customer).tier == "maker"
    assert BillingEvent.objects.filter(stripe_event_id=event["id"]).count() == 1


def test_replay_is_idempotent_in_the_service_too(customer, stripe_fake):
    """Even without dj-stripe's de-duplication (e.g. its Event rows pruned) an event acts once."""
    from billing.services.subscriptions import apply_invoice

    _org_past_due = Organization.objects.filter(pk=customer.pk)
    _org_past_due.update(billing_status="active", tier="pro", stripe_subscription_id="sub_1")
    failed = so.invoice(paid=False)
    first = apply_invoice(
        invoice=failed, event_type="invoice.payment_failed", created=_at(so.NOW), event_id="evt_x"
    )
    _org_past_due.update(billing_status="active", past_due_since=None)  # staff fixed it by hand
    again = apply_invoice(
        invoice=failed, event_type="invoice.payment_failed", created=_at(so.NOW), event_id="evt_x"
    )
    assert again.pk == first.pk
    assert _org(customer).billing_status == "active"


def test_older_event_arriving_late_changes_nothing(customer, send_event, stripe_fake):
    newer = _subscription_event(
        stripe_fake, created=so.NOW, status="active", tier="team", cancel_at_period_end=True
    )
    older = so.event(
        "customer.subscription.updated",
        so.subscription(status="trialing", tier="maker", trial_end=so.NOW + so.DAY),
        created=so.NOW - 3600,
    )
    assert send_event(newer).status_code == 200
    before = _org(customer)

    assert send_event(older).status_code == 200

    after = _org(customer)
    fields = [
        "tier",
        "billing_status",
        "trial_ends_at",
        "current_period_end",
        "cancel_at_period_end",
        "billing_event_at",
        "billing_event_id",
        "billing_snapshot_at",
    ]
    assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}
    assert (after.tier, after.billing_status) == ("team", "active")
    assert BillingEvent.objects.get(stripe_event_id=older["id"]).outcome == "stale"


def test_older_invoice_event_does_not_undo_newer_status(customer, send_event, stripe_fake):
    send_event(_subscription_event(stripe_fake, created=so.NOW, status="active", tier="pro"))
    late_failure = so.event("invoice.payment_failed", so.invoice(paid=False), created=so.NOW - 600)
    stripe_fake.put(
        f"/v1/invoices/{late_failure['data']['object']['id']}", late_failure["data"]["object"]
    )
    assert send_event(late_failure).status_code == 200
    assert _org(customer).billing_status == "active"


def test_tier_change_applies_even_after_a_newer_payment_event(customer, send_event, stripe_fake):
    """An upgrade's subscription event may arrive after its (newer) invoice event: the tier still
    changes, and the status from the invoice event stands."""
    send_event(
        _subscription_event(stripe_fake, created=so.NOW - 100, status="active", tier="maker")
    )
    failed = so.invoice(paid=False)
    stripe_fake.put(f"/v1/invoices/{failed['id']}", failed)
    send_event(so.event("invoice.payment_failed", failed, created=so.NOW))
    upgrade = so.event(
        "customer.subscription.updated",
        so.subscription(status="active", tier="pro"),
        created=so.NOW - 10,
    )
    send_event(upgrade)
    org = _org(customer)
    assert (org.tier, org.billing_status) == ("pro", "past_due")


def _invoice_event(fake, type_, *, created, paid):
    inv = so.invoice(paid=paid)
    fake.put(f"/v1/invoices/{inv['id']}", inv)
    return so.event(type_, inv, created=created)


def test_payment_failure_then_payment_walks_the_status(customer, send_event, stripe_fake):
    send_event(_subscription_event(stripe_fake, created=so.NOW - 300, status="active", tier="pro"))

    send_event(
        _invoice_event(stripe_fake, "invoice.payment_failed", created=so.NOW - 200, paid=False)
    )
    org = _org(customer)
    assert org.billing_status == "past_due"
    assert org.past_due_since == _at(so.NOW - 200)

    # A retry that fails again does not restart the grace period.
    send_event(
        _invoice_event(stripe_fake, "invoice.payment_failed", created=so.NOW - 100, paid=False)
    )
    assert _org(customer).past_due_since == _at(so.NOW - 200)

    send_event(_invoice_event(stripe_fake, "invoice.paid", created=so.NOW, paid=True))
    org = _org(customer)
    assert (org.billing_status, org.past_due_since) == ("active", None)


def test_trial_invoice_paid_does_not_end_the_trial(customer, send_event, stripe_fake):
    send_event(
        _subscription_event(
            stripe_fake, created=so.NOW - 10, status="trialing", tier="pro", trial_end=so.NOW + 9
        )
    )
    send_event(_invoice_event(stripe_fake, "invoice.paid", created=so.NOW, paid=True))
    assert _org(customer).billing_status == "trialing"


def test_subscription_deleted_returns_to_free_keeping_the_record(customer, send_event, stripe_fake):
    send_event(_subscription_event(stripe_fake, created=so.NOW - 100, status="active", tier="team"))
    send_event(
        _subscription_event(
            stripe_fake,
            "customer.subscription.deleted",
            created=so.NOW,
            status="canceled",
            tier="team",
        )
    )
    org = _org(customer)
    assert org.billing_status == "canceled"
    assert org.stripe_subscription_id == "sub_1"
    assert access_for(org).tier.key == "free"


def test_late_event_of_an_old_subscription_does_not_cancel_the_new_one(
    customer, send_event, stripe_fake
):
    send_event(_subscription_event(stripe_fake, id="sub_new", created=so.NOW, status="active"))
    old_cancel = _subscription_event(
        stripe_fake,
        "customer.subscription.deleted",
        id="sub_old",
        created=so.NOW + 5,
        status="canceled",
    )
    send_event(old_cancel)
    org = _org(customer)
    assert (org.stripe_subscription_id, org.billing_status) == ("sub_new", "active")


def test_checkout_completed_links_customer_and_subscription(org_a, send_event, stripe_fake):
    session = so.checkout_session(
        organization_id=org_a.pk, customer="cus_new", subscription="sub_9"
    )
    stripe_fake.put(f"/v1/checkout/sessions/{session['id']}", session)
    stripe_fake.put("/v1/customers/cus_new", so.customer("cus_new"))
    stripe_fake.put("/v1/subscriptions/sub_9", so.subscription(id="sub_9", customer="cus_new"))
    response = send_event(so.event("checkout.session.completed", session, created=so.NOW))
    assert response.status_code == 200
    org = _org(org_a)
    assert (org.stripe_customer_id, org.stripe_subscription_id) == ("cus_new", "sub_9")
    # Linking only: the tier comes with the subscription event.
    assert org.billing_status == "none"


def test_subscription_found_by_checkout_metadata_when_customer_unknown(
    org_a, send_event, stripe_fake
):
    stripe_fake.put(
        "/v1/customers/cus_77",
        so.customer("cus_77"),
    )
    event = _subscription_event(
        stripe_fake,
        "customer.subscription.created",
        id="sub_77",
        customer="cus_77",
        created=so.NOW,
        status="active",
        tier="maker",
        metadata={"organization_id": str(org_a.pk)},
    )
    assert send_event(event).status_code == 200
    org = _org(org_a)
    assert (org.tier, org.billing_status, org.stripe_customer_id) == ("maker", "active", "cus_77")


def test_unknown_tier_in_product_metadata_fails_loudly(customer, send_event, stripe_fake):
    stripe_fake.put("/v1/products/prod_gold", so.product("gold"))
    stripe_fake.put(
        "/v1/products/prod_gold/features", so.empty_list("/v1/products/prod_gold/features")
    )
    sub = so.subscription(status="active", tier="pro")
    sub["items"]["data"][0]["price"]["product"] = "prod_gold"
    stripe_fake.put("/v1/subscriptions/sub_1", sub)
    with pytest.raises(Exception, match="'gold' is not a declared tier"):
        send_event(so.event("customer.subscription.created", sub, created=so.NOW))
    org = _org(customer)
    assert (org.tier, org.billing_status) == ("free", "none")


def test_event_for_an_unknown_customer_is_recorded_and_harmless(org_a, send_event, stripe_fake):
    stripe_fake.put(
        "/v1/customers/cus_stranger",
        so.customer("cus_stranger"),
    )
    event = _subscription_event(stripe_fake, customer="cus_stranger", created=so.NOW)
    assert send_event(event).status_code == 200
    assert BillingEvent.objects.get(stripe_event_id=event["id"]).outcome == "unmatched"
    assert _org(org_a).billing_status == "none"


@pytest.mark.parametrize("debug", [False, True])
def test_secret_override_header_is_never_trusted_in_production(
    customer, send_event, stripe_fake, debug
):
    """dj-stripe checks the signature against an X-Djstripe-Webhook-Secret header when DEBUG is on.
    With production settings (DEBUG off, and even DEBUG on without the explicit dev opt-in) a sender
    who signs with its own secret and names it in that header is refused."""
    forged_secret = "whsec_attacker"
    event = _subscription_event(stripe_fake, created=so.NOW, status="active", tier="team")
    with override_settings(DEBUG=debug, STRIPE_CLI_SECRET_HEADER=False):
        response = send_event(
            event, secret=forged_secret, HTTP_X_DJSTRIPE_WEBHOOK_SECRET=forged_secret
        )
    assert response.status_code == 400
    assert _org(customer).tier == "free"


def test_production_settings_keep_the_override_off():
    """Loading the production settings (batchtrack.settings) with the opt-in variable set but DEBUG
    not: the override stays off, and DEBUG is off unless asked for."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(SECRET_KEY="x" * 50, STRIPE_CLI_SECRET_HEADER="true")
    code = "import batchtrack.settings as s; print(s.DEBUG, s.STRIPE_CLI_SECRET_HEADER)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_secret_override_works_only_with_the_dev_opt_in(customer, send_event, stripe_fake):
    cli_secret = "whsec_from_stripe_cli"
    event = _subscription_event(stripe_fake, created=so.NOW, status="active", tier="team")
    with override_settings(DEBUG=True, STRIPE_CLI_SECRET_HEADER=True):
        response = send_event(event, secret=cli_secret, HTTP_X_DJSTRIPE_WEBHOOK_SECRET=cli_secret)
    assert response.status_code == 200
    assert _org(customer).tier == "team"


def test_cancellation_goes_through_even_when_the_product_is_gone(customer, send_event, stripe_fake):
    send_event(_subscription_event(stripe_fake, created=so.NOW - 100, status="active", tier="pro"))
    from djstripe.models import Product

    Product.objects.filter(id="prod_gone").delete()
    canceled = so.subscription(status="canceled", tier="pro")
    canceled["items"]["data"][0]["price"]["product"] = "prod_gone"  # deleted in Stripe: 404
    stripe_fake.put("/v1/subscriptions/sub_1", so.subscription(status="canceled", tier="pro"))
    send_event(so.event("customer.subscription.deleted", canceled, created=so.NOW))
    org = _org(customer)
    assert (org.billing_status, org.tier) == ("canceled", "pro")


def test_plan_and_status_changes_reach_the_activity_log(customer, send_event, stripe_fake):
    from tenants.models import AuditEvent

    send_event(_subscription_event(stripe_fake, created=so.NOW, status="trialing", tier="maker"))
    rows = {
        e.action: (e.target, e.actor_email)
        for e in AuditEvent.objects.filter(organization=customer)
    }
    assert rows == {
        "billing.plan_changed": ("Maker", ""),
        "billing.subscription_changed": ("Trial", ""),
    }
