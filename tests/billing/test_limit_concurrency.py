"""Plan limits hold under concurrency: two requests racing for a workspace's last place under a limit,
on real threads and connections, never both pass. Every test starts one below the Free tier's limit."""

from __future__ import annotations

import pytest
from django.core import mail
from django_tenants.utils import tenant_context

from batches.models import Batch
from batches.services import plan_batch, start_batch
from billing.errors import LimitReached
from billing.tiers import FREE
from inventory.models import Item
from inventory.services import create_item
from recipes.models import Recipe
from recipes.services import archive_recipe, restore_recipe
from reports.models import ImportJob
from reports.services import preview_import, run_import
from tenants.models import Invitation, Membership
from tenants.services.memberships import invite_member
from tests.billing.helpers import set_billing
from tests.concurrency import committed_acme, run_concurrently  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.inventory.factories import ItemFactory
from tests.recipes.factories import make_item, make_recipe, stock
from tests.reports.import_files import csv_upload


@pytest.fixture
def free_acme(committed_acme):  # noqa: F811 - the fixture imported above
    return set_billing(committed_acme, tier="free", billing_status="none")


def _split(results, kind):
    made = [r for r in results if isinstance(r, kind)]
    refused = [r for r in results if isinstance(r, LimitReached)]
    assert (len(made), len(refused)) == (1, 1), results
    return made[0], refused[0]


def test_two_items_created_at_the_last_place_make_one(free_acme):
    allowed = FREE.limit("items")
    ItemFactory.create_batch(allowed - 1)

    results = run_concurrently(
        free_acme,
        [
            lambda n=n: create_item(organization=free_acme, name=f"Beeswax {n}", stock_unit="g")
            for n in (1, 2)
        ],
    )

    _made, refused = _split(results, Item)
    assert refused.message == (
        "Your Free plan allows 50 inventory items. Upgrade to Maker for up to 500 on the Billing page."
    )
    assert Item.objects.count() == allowed
    assert Item.objects.filter(name__startswith="Beeswax").count() == 1


def test_two_imports_at_the_last_place_import_one(free_acme, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    allowed = FREE.limit("items")
    ItemFactory.create_batch(allowed - 1)
    jobs = [
        preview_import(
            organization=free_acme,
            upload=csv_upload([[name, "ingredient", "g"] + [""] * 9]),
            requested_by_id=None,
            zone_name="UTC",
        )
        for name in ("Shea butter", "Cocoa butter")
    ]
    assert [job.status for job in jobs] == ["ready", "ready"]
    # What confirm_import does, without sending the task to the broker: the threads run it.
    ImportJob.objects.update(status=ImportJob.Status.QUEUED)

    results = run_concurrently(
        free_acme,
        [lambda j=job: run_import(job_id=j.pk, actor_id=None, zone_name="UTC") for job in jobs],
    )

    assert sorted(r.status for r in results) == ["done", "failed"], results
    failed = next(r for r in results if r.status == "failed")
    assert failed.error_message == (
        "This file has 1 items. Your Free plan allows 50 inventory items. Upgrade to Maker for up "
        "to 500 on the Billing page. Nothing was imported."
    )
    assert Item.objects.count() == allowed
    assert Item.objects.filter(name__in=["Shea butter", "Cocoa butter"]).count() == 1
    ImportJob.objects.all().delete()  # the workspace's reports tables are not emptied for us


def test_two_recipes_restored_at_the_last_place_restore_one(free_acme):
    allowed = FREE.limit("recipes")
    oil = make_item("Olive oil")
    archived = [make_recipe(f"Archived soap {n}", [(oil, "100", "g")]) for n in (1, 2)]
    for recipe in archived:
        archive_recipe(recipe=recipe)
    for n in range(allowed - 1):
        make_recipe(f"Soap {n}", [(oil, "100", "g")])

    results = run_concurrently(
        free_acme, [lambda r=recipe: restore_recipe(recipe=r) for recipe in archived]
    )

    _restored, refused = _split(results, Recipe)
    assert refused.message == (
        "Your Free plan allows 10 recipes. Upgrade to Maker for up to 100 on the Billing page."
    )
    assert Recipe.objects.filter(is_archived=False).count() == allowed
    assert Recipe.objects.filter(pk__in=[r.pk for r in archived], is_archived=True).count() == 1


def test_two_batches_started_at_the_last_place_start_one(free_acme):
    allowed = FREE.limit("batches_per_month")
    oil = make_item("Olive oil")
    stock(oil, "100000", "0.01")
    recipe = make_recipe("Castile soap", [(oil, "100", "g")], prefix="CAS")
    for _ in range(allowed - 1):
        start_batch(batch=plan_batch(version=recipe.current_version))
    racing = [plan_batch(version=recipe.current_version) for _ in range(2)]

    results = run_concurrently(free_acme, [lambda b=b: start_batch(batch=b.pk) for b in racing])

    _started, refused = _split(results, Batch)
    assert refused.message == (
        "Your Free plan allows 30 batches a month. Upgrade to Maker for up to 300 on the Billing "
        "page."
    )
    assert Batch.objects.exclude(started_at=None).count() == allowed
    still_planned = Batch.objects.get(pk__in=[b.pk for b in racing], status="planned")
    assert not still_planned.draws.exists()
    assert oil.lots.get().quantity_remaining == 100000 - 100 * allowed


def test_two_invitations_at_the_last_seat_send_one(free_acme):
    owner = make_member(free_acme, "owner")  # one member of two
    mail.outbox.clear()

    def invite(email):
        return lambda: invite_member(
            organization=free_acme, email=email, role="viewer", invited_by=owner
        )[0]

    results = run_concurrently(free_acme, [invite("ada@example.com"), invite("bo@example.com")])

    invitation, refused = _split(results, Invitation)
    assert refused.message == (
        "Your Free plan allows 2 members. Upgrade to Maker for up to 5 on the Billing page."
    )
    with tenant_context(free_acme):
        assert Membership.objects.filter(organization=free_acme).count() == 1
        assert Invitation.objects.filter(organization=free_acme).count() == 1
    assert [m.to for m in mail.outbox] == [[invitation.email]]
