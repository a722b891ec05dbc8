"""Batches' domain errors: plain language, what to do next, and the data a form needs. A service that
raises one has changed nothing."""

from __future__ import annotations

from collections.abc import Sequence

from batchtrack.errors import DomainError
from inventory.errors import Shortfall


class BatchError(DomainError):
    code = "BATCH_ERROR"


class IllegalTransition(BatchError):
    """The batch's status does not allow this step (finishing twice, cancelling a finished batch)."""

    code = "ILLEGAL_TRANSITION"


class NotPlannable(BatchError):
    code = "NOT_PLANNABLE"


class RecipeArchivedSincePlanning(BatchError):
    """A planned batch's recipe was archived after planning: the batch can't start until it is back."""

    code = "RECIPE_ARCHIVED_SINCE_PLANNING"


class InvalidSkip(BatchError):
    code = "INVALID_SKIP"


class InvalidYield(BatchError):
    code = "INVALID_YIELD"


class InvalidOutput(BatchError):
    code = "INVALID_OUTPUT"


class InvalidContainers(BatchError):
    code = "INVALID_CONTAINERS"


class InvalidTimer(BatchError):
    code = "INVALID_TIMER"


class InvalidNote(BatchError):
    code = "INVALID_NOTE"


class StockShort(BatchError):
    """Starting would take more than stock holds; lists every short item and the lines that use it."""

    code = "STOCK_SHORT"

    def __init__(self, shortfalls: Sequence[Shortfall], line_positions: dict[int, list[int]]):
        self.shortfalls = tuple(shortfalls)
        self.line_positions = line_positions
        count = len(self.shortfalls)
        lead = "One ingredient is short" if count == 1 else f"{count} ingredients are short"
        message = (
            f"{lead}, so the batch was not started and no stock was used. "
            + " ".join(s.message for s in self.shortfalls)
            + " Receive more stock, plan a smaller batch, or skip those lines and say why."
        )
        super().__init__(
            message, field="lines", shortfalls=self.shortfalls, line_positions=line_positions
        )
