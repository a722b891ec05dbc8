"""Products' domain errors; a service that raises one has changed nothing."""

from __future__ import annotations

from batchtrack.errors import DomainError


class ProductError(DomainError):
    code = "PRODUCT_ERROR"


class InvalidProduct(ProductError):
    code = "INVALID_PRODUCT"


class DuplicateProductName(ProductError):
    code = "DUPLICATE_PRODUCT_NAME"


class DuplicateOption(ProductError):
    """A variant or size name used twice on one product, or a SKU for a combination that has one."""

    code = "DUPLICATE_OPTION"


class DuplicateSkuCode(ProductError):
    code = "DUPLICATE_SKU_CODE"


class InvalidSku(ProductError):
    code = "INVALID_SKU"


class InvalidDeduction(ProductError):
    code = "INVALID_DEDUCTION"
