"""Purchasing's domain errors: a stable code, a plain-language message that says how to fix the problem
and the data a form needs (`field`, `details`). A service that raises one has changed nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from batchtrack.errors import DomainError


class PurchasingError(DomainError):
    code = "PURCHASING_ERROR"


class InvalidSupplier(PurchasingError):
    code = "INVALID_SUPPLIER"


class DuplicateSupplierName(PurchasingError):
    code = "DUPLICATE_SUPPLIER"


class SupplierArchived(PurchasingError):
    code = "SUPPLIER_ARCHIVED"


@dataclass(frozen=True)
class LineProblem:
    """What is wrong with one line of a receipt (`line` counts from 1; 0 is the receipt itself)."""

    line: int
    message: str
    field: str | None = None

    @property
    def text(self) -> str:
        return self.message if self.line == 0 else f"Row {self.line}: {self.message}"


class ReceiptRefused(PurchasingError):
    """Raised once for a whole receipt, listing every problem; nothing was received."""

    code = "RECEIPT_REFUSED"

    def __init__(self, problems: Sequence[LineProblem]):
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            message = self.problems[0].text
        else:
            message = f"{len(self.problems)} problems; nothing was received. " + " ".join(
                problem.text for problem in self.problems
            )
        super().__init__(message, field=None, problems=self.problems)


class DocumentRefused(PurchasingError):
    code = "DOCUMENT_REFUSED"
