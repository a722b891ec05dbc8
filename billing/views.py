"""Workspace billing pages: plan, status, usage; upgrade through Checkout; Stripe's billing portal.

Only the upgrade and portal actions call Stripe (they have to); the overview reads the organization
row and the usage counters. Everything needs `billing.manage` (owners).
"""

from __future__ import annotations

import logging

import stripe
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.ratelimits import rate_limited
from billing import stripe_api
from billing.models import LIVE_STATUSES
from billing.policy import access_for, complimentary_tier, subscribed_tier
from billing.services import checkout as checkout_services
from billing.tiers import ADVERTISED_FEATURES, TIERS, get_tier
from billing.usage import usage_for

logger = logging.getLogger("billing")
STRIPE_DOWN = (
    "Stripe could not complete this just now, so nothing has changed and nothing was charged. "
    "Please try again in a minute; if it keeps failing, contact BatchTrack support."
)


class _SeeOther(HttpResponseRedirect):
    status_code = 303


@permission_required("billing.manage")
def overview(request):
    organization = request.tenant
    access = getattr(request, "billing_access", None) or access_for(organization)
    has_subscription = organization.billing_status in LIVE_STATUSES and bool(
        organization.stripe_subscription_id
    )
    return render(
        request,
        "billing/overview.html",
        {
            "organization": organization,
            "access": access,
            "tier": access.tier,
            "subscribed_tier": subscribed_tier(organization),
            "stripe_tier": get_tier(organization.tier),
            "complimentary": complimentary_tier(organization),
            "usage": usage_for(organization, access.tier),
            "tiers": list(TIERS.values()),
            "features": ADVERTISED_FEATURES,
            "stripe_ready": stripe_api.is_configured(),
            "has_subscription": has_subscription,
            "can_manage": bool(organization.stripe_customer_id),
            "offers_trial": checkout_services.offers_trial(organization),
            "trial_days": checkout_services.TRIAL_DAYS,
        },
    )


@require_POST
@permission_required("billing.manage")
@rate_limited("billing_sessions")
def checkout(request):
    success = request.build_absolute_uri(reverse("billing:success"))
    try:
        url = checkout_services.start_checkout(
            organization=request.tenant,
            tier=request.POST.get("tier", ""),
            # Stripe fills in {CHECKOUT_SESSION_ID}; it must reach Stripe unencoded.
            success_url=success + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(reverse("billing:cancel")),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("billing:overview")
    except stripe.StripeError:
        logger.exception("Stripe call failed for organization %s", request.tenant.pk)
        messages.error(request, STRIPE_DOWN)
        return redirect("billing:overview")
    return _SeeOther(url)


@require_POST
@permission_required("billing.manage")
@rate_limited("billing_sessions")
def portal(request):
    try:
        url = checkout_services.open_portal(
            organization=request.tenant,
            return_url=request.build_absolute_uri(reverse("billing:overview")),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("billing:overview")
    except stripe.StripeError:
        logger.exception("Stripe call failed for organization %s", request.tenant.pk)
        messages.error(request, STRIPE_DOWN)
        return redirect("billing:overview")
    return _SeeOther(url)


@permission_required("billing.manage")
def success(request):
    return render(request, "billing/success.html", {"organization": request.tenant})


@permission_required("billing.manage")
def cancel(request):
    return render(request, "billing/cancel.html")
