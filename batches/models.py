"""Production batches: a plan (a frozen copy of a recipe version at a scale, with its expected lines), the
lots each line drew from, outputs, notes and timers. Only `batches.services` writes these models; stock
itself changes only through `inventory.services`.

Lifecycle: planned -> in_progress -> finished | cancelled | failed (a planned batch may be cancelled
too). `Batch.lines` are the plan: starting consumes exactly them, never the live recipe.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone

from batchtrack.fields import exact_money_field as money_field
from inventory.models.fields import quantity_field


class BatchCodeCounter(models.Model):
    """The last sequence number used for a prefix in a year: batch codes are `<prefix>-<year>-<n>`.

    `batches.services.codes.next_batch_code` locks the row (select_for_update) for the rest of the
    starting transaction, so concurrent starts take consecutive numbers.
    """

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="batches_counter_prefix_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Batch(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"
        CANCELLED = "cancelled", "Cancelled"
        FAILED = "failed", "Failed"

    recipe = models.ForeignKey("recipes.Recipe", on_delete=models.PROTECT, related_name="batches")
    version = models.ForeignKey(
        "recipes.RecipeVersion", on_delete=models.PROTECT, related_name="batches"
    )
    code = models.CharField(max_length=30, null=True, blank=True, unique=True)
    # A trial run of a draft version: real stock, real costs; the output may be discarded. It stays
    # attached to its version when the draft is published.
    is_trial = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # The plan, frozen when the batch is planned.
    scale = quantity_field()
    recipe_name = models.CharField(max_length=100)
    version_number = models.PositiveIntegerField()
    planned_yield = quantity_field()
    yield_unit = models.CharField(max_length=40)
    portion_name = models.CharField(max_length=40, blank=True)
    instructions = models.TextField(blank=True)
    category_data = models.JSONField(default=dict, blank=True)
    shelf_life_days = models.PositiveIntegerField(null=True, blank=True)
    cure_days = models.PositiveIntegerField(null=True, blank=True)
    plan_note = models.TextField(blank=True)
    # Start.
    skip_reason = models.TextField(blank=True)
    consumed_cost = money_field()
    # Finish, cancel, fail.
    actual_yield = quantity_field(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    loss_value = money_field()
    planned_by_id = models.BigIntegerField(null=True, blank=True)
    started_by_id = models.BigIntegerField(null=True, blank=True)
    ended_by_id = models.BigIntegerField(null=True, blank=True)
    planned_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-planned_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scale__gt=0), name="batches_batch_scale_gt_0"),
            models.CheckConstraint(
                condition=Q(planned_yield__gt=0), name="batches_batch_planned_yield_gt_0"
            ),
            models.CheckConstraint(
                condition=Q(status="planned", code__isnull=True, started_at__isnull=True)
                | Q(status="cancelled", started_at__isnull=True)
                | ~Q(status="planned") & Q(code__isnull=False, started_at__isnull=False),
                name="batches_batch_started_has_code",
            ),
            models.CheckConstraint(
                condition=~Q(status="finished") | Q(actual_yield__gt=0, ended_at__isnull=False),
                name="batches_batch_finished_has_yield",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress"], ended_at__isnull=True)
                | Q(status__in=["finished", "cancelled", "failed"], ended_at__isnull=False),
                name="batches_batch_ended_at",
            ),
            models.CheckConstraint(
                condition=Q(consumed_cost__gte=0, loss_value__gte=0),
                name="batches_batch_costs_gte_0",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-planned_at"], name="batches_batch_status"),
            models.Index(fields=["started_at"], name="batches_batch_started"),
        ]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return self.code or f"Plan #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)

    @property
    def yield_label(self) -> str:
        return self.portion_name or self.yield_unit

    @property
    def cost_per_yield_unit(self) -> Decimal | None:
        """What one unit of the actual yield cost (exact); None until finished."""
        if not self.actual_yield:
            return None
        return self.consumed_cost / self.actual_yield


class BatchLine(models.Model):
    """One planned line (or an extra added while in progress): what the batch takes from stock."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not taken yet"
        CONSUMED = "consumed", "Taken from stock"
        SKIPPED = "skipped", "Skipped"
        RETURNED = "returned", "Returned to stock"

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field()  # in `unit`, at the batch's scale
    unit = models.CharField(max_length=40)
    stock_quantity = quantity_field()  # the same in the item's stock unit
    note = models.CharField(max_length=200, blank=True)
    is_extra = models.BooleanField(default=False)
    # Containers the fill plan added (batches.services.containers): replaced when it is redone.
    is_container_fill = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    added_by_id = models.BigIntegerField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["batch_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="batches_line_position"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0, stock_quantity__gt=0),
                name="batches_line_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity.normalize():f} {self.unit} of item {self.item_id}"

    @property
    def cost(self) -> Decimal:
        """What its draws cost (exact); prefetch `draws` when listing lines."""
        return sum((draw.cost for draw in self.draws.all()), Decimal("0"))


class BatchDraw(models.Model):
    """Stock one line took from one lot, exactly as the inventory ledger movement recorded it.

    The batch's own record of where each line came from (traceability, the printable record);
    the ledger stays the truth for stock. Cancelling keeps the rows (the restore movements undo
    the stock) and marks the lines returned.
    """

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="draws")
    line = models.ForeignKey(BatchLine, on_delete=models.CASCADE, related_name="draws")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey(
        "inventory.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="batch_draws"
    )
    movement = models.OneToOneField(
        "inventory.Movement", on_delete=models.PROTECT, related_name="batch_draw"
    )
    quantity = quantity_field()  # positive, stock unit
    unit_cost = quantity_field()

    class Meta:
        ordering = ["line_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="batches_draw_quantity_gt_0")
        ]

    @property
    def cost(self) -> Decimal:
        return self.quantity * self.unit_cost


class BatchOutput(models.Model):
    """A lot a finished batch put on the shelf (a product SKU's item or an intermediate)."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="outputs")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    lot = models.OneToOneField(
        "inventory.Lot", on_delete=models.PROTECT, related_name="batch_output"
    )
    quantity = quantity_field()  # stock unit of the item
    yield_share = quantity_field()  # the part of the batch's yield it holds, in the yield unit
    unit_cost = quantity_field()  # per stock unit, as stored on the lot
    total_cost = money_field()
    # The containers this output was filled into (8 bottles): their whole cost lands here, not on
    # the other outputs (batches.output_costs). `packaging_cost` is that part of `total_cost`.
    container = models.ForeignKey(
        "inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    container_count = quantity_field(null=True, blank=True)
    packaging_cost = money_field()

    class Meta:
        ordering = ["batch_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, yield_share__gt=0), name="batches_output_amounts"
            ),
            models.CheckConstraint(
                condition=Q(container__isnull=True, container_count__isnull=True)
                | Q(container__isnull=False, container_count__gt=0),
                name="batches_output_container_count",
            ),
        ]


class BatchNote(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class BatchTimer(models.Model):
    """A countdown on a batch ("gel phase 24 h"). Pausing really stops the clock: the time run so far
    is kept in `accumulated` and `running_since` is cleared; resuming sets it again."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="timers")
    name = models.CharField(max_length=80)
    duration = models.DurationField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    accumulated = models.DurationField(default=timedelta(0))
    running_since = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gt=timedelta(0)), name="batches_timer_duration_gt_0"
            ),
            models.CheckConstraint(
                condition=Q(status="running", running_since__isnull=False)
                | ~Q(status="running") & Q(running_since__isnull=True),
                name="batches_timer_running_since",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False)
                | ~Q(status="completed") & Q(completed_at__isnull=True),
                name="batches_timer_completed_at",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status"], condition=~Q(status="completed"), name="batches_timer_open"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def elapsed(self, now=None) -> timedelta:
        if self.running_since is None:
            return self.accumulated
        return self.accumulated + ((now or timezone.now()) - self.running_since)

    def remaining(self, now=None) -> timedelta:
        return max(self.duration - self.elapsed(now), timedelta(0))

    def is_overdue(self, now=None) -> bool:
        return self.status != self.Status.COMPLETED and self.elapsed(now) >= self.duration

    def due_at(self, now=None):
        """When a running timer runs out (None unless running)."""
        if self.running_since is None:
            return None
        return self.running_since + (self.duration - self.accumulated)


class LabelSettings(models.Model):
    """The workspace's label settings: one row with id 1 (absent means the defaults). With
    `public_records` on, labels carry a QR code to a public page of the batch's record (product,
    batch code, dates and ingredients; never costs). Written by batches.services.labels."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    public_records = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="batches_label_settings_singleton")
        ]

    def __str__(self) -> str:
        return "Label settings"
