"""The first-run checklist: five steps from an empty workspace to a sold product, each marked done from
what the workspace holds (never a stored flag), in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from batches.models import Batch
from batchtrack.reads import RowRead
from inventory.models import Item, Lot
from products.models import Deduction
from recipes.models import Recipe
from sales.models import Order
from workspace.models import ChecklistDoneSeen, SampleDataJob


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done: bool
    detail: str  # what is there already, or what the step asks, in plain words
    action: str  # the button's words
    url: str
    permission: str  # needed to take the action


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]
    workspace_empty: bool  # nothing in inventory and no recipe: sample data collides with nothing
    sample_job_id: int | None  # a sample-data load queued or running now
    seen_done: bool = False  # the member was already told the checklist is done

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return self.done_count == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total)

    @property
    def next_step(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def checklist(*, user_id: int | None = None) -> Checklist:
    """The checklist of the current workspace: one query, whatever it holds; with `user_id`, also
    whether that member has already seen it done."""
    return checklist_read(user_id=user_id).run()


def checklist_read(*, user_id: int | None = None) -> RowRead[Checklist]:
    """The checklist's one-row read (see `checklist`), to run alone or folded into another one-row
    read (batchtrack.reads.run_together)."""
    active = Item.objects.filter(is_archived=False).order_by()
    return RowRead(
        make=_checklist,
        exists={
            "received": Lot.objects.filter(source=Lot.Source.PURCHASE),
            "recipe": Recipe.objects.filter(current_version__isnull=False),
            "any_recipe": Recipe.objects.all(),
            "batch": Batch.objects.filter(started_at__isnull=False),
            "sale": Order.objects.filter(status=Order.Status.FULFILLED),
            # A sale recorded on a SKU's page before sales became orders.
            "old_sale": Deduction.objects.filter(kind=Deduction.Kind.SOLD),
            "seen_done": ChecklistDoneSeen.objects.filter(user_id=user_id or 0),
        },
        counts={
            "items": active,
            "from_library": active.filter(library_item_id__isnull=False),
        },
        scalars={
            "job": SampleDataJob.objects.filter(
                status__in=[SampleDataJob.Status.QUEUED, SampleDataJob.Status.RUNNING]
            )
            .order_by("-id")
            .values("pk")[:1],
        },
    )


def _checklist(data: dict) -> Checklist:
    """The checklist from its read's values."""
    items, from_library = data["items"] or 0, data["from_library"] or 0
    steps = (
        Step(
            "items",
            "Add your ingredients from the library",
            items > 0,
            (
                f"{_plural(items, 'item')} in your inventory, {from_library} from the library."
                if items
                else "Pick oils, butters, lye, jars and labels: density and shelf life come filled in."
            ),
            "Add from the library",
            reverse("inventory:library"),
            "inventory.edit",
        ),
        Step(
            "receive",
            "Receive stock",
            data["received"],
            (
                "Stock is on your shelves, each delivery its own lot with its cost."
                if data["received"]
                else "Enter a delivery in any unit; you see what it becomes before saving."
            ),
            "Receive stock",
            reverse("guide:receive"),
            "inventory.receive",
        ),
        Step(
            "recipe",
            "Write a recipe",
            data["recipe"],
            (
                "You have a published recipe."
                if data["recipe"]
                else (
                    "Your recipe has a draft: publish it to make batches."
                    if data["any_recipe"]
                    else "List what one batch takes and what it makes."
                )
            ),
            "Write a recipe",
            reverse("recipes:create"),
            "recipes.edit",
        ),
        Step(
            "batch",
            "Run a batch",
            data["batch"],
            (
                "A batch has run: its stock was taken first in, first out."
                if data["batch"]
                else "Choose a recipe and a size; we check your stock before anything is used."
            ),
            "Start a batch",
            reverse("guide:start"),
            "batches.run",
        ),
        Step(
            "sale",
            "Sell a product",
            (data["sale"] or data["old_sale"]),
            (
                "You recorded a sale, at its real FIFO cost."
                if (data["sale"] or data["old_sale"])
                else "Give the product a SKU, finish a batch into it, then record the sale."
            ),
            "Go to products",
            reverse("products:list"),
            "products.sell",
        ),
    )
    return Checklist(
        steps=steps,
        workspace_empty=items == 0 and not data["any_recipe"],
        sample_job_id=data["job"],
        seen_done=data["seen_done"],
    )
