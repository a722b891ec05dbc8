"""The only code that writes purchasing state (stock itself only through `inventory.services`).

Every service takes keyword arguments, runs in one transaction, validates before writing and either
succeeds completely or raises a `purchasing.errors` (or inventory) DomainError having changed nothing.
"""

from purchasing.services.documents import SUBJECTS, Subject, attach_document, remove_document
from purchasing.services.receipts import ReceiptLineInput, record_receipt
from purchasing.services.suppliers import create_supplier, update_supplier

__all__ = [
    "SUBJECTS",
    "ReceiptLineInput",
    "Subject",
    "attach_document",
    "create_supplier",
    "record_receipt",
    "remove_document",
    "update_supplier",
]
