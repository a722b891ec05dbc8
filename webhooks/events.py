"""What each event's payload holds, in one place: other apps' services call these inside their own
transaction when the thing happens (webhooks.services.emit queues the deliveries)."""

from __future__ import annotations

from typing import Any

from webhooks.models import Event
from webhooks.services import emit


def _batch(batch) -> dict[str, Any]:
    return {
        "batch_id": batch.pk,
        "code": batch.code,
        "status": batch.status,
        "recipe_id": batch.recipe_id,
        "recipe_name": batch.recipe_name,
        "scale": batch.scale,
        "planned_yield": batch.planned_yield,
        "actual_yield": batch.actual_yield,
        "yield_unit": batch.yield_unit,
        "consumed_cost": batch.consumed_cost,
    }


def batch_started(batch) -> None:
    emit(Event.BATCH_STARTED, _batch(batch))


def batch_finished(batch) -> None:
    emit(Event.BATCH_FINISHED, _batch(batch))


def order_fulfilled(order) -> None:
    emit(
        Event.ORDER_FULFILLED,
        {
            "order_id": order.pk,
            "customer_id": order.customer_id,
            "fulfilled_at": order.fulfilled_at,
            "lines": [
                {"sku_id": line.sku_id, "quantity": line.quantity, "cost": line.cost}
                for line in order.lines.order_by("position")
            ],
        },
    )


# notifications' alert kinds that are webhook events too.
ALERT_EVENTS = {"low_stock": Event.STOCK_LOW, "lot_expiring": Event.LOT_EXPIRING}


def alerts_raised(kind: str, details: list[dict[str, Any]]) -> None:
    event = ALERT_EVENTS.get(kind)
    if event is not None and details:
        emit(event, *details)
