"""Recording a supplier delivery: every line becomes a lot through inventory's `receive`, with the
receipt's shipping, tax and fees shared into the lots' costs (purchasing/landed_cost.py), in one
transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import CustomUnit, Item
from inventory.services import preview_receive, receive
from purchasing.errors import LineProblem, ReceiptRefused, SupplierArchived
from purchasing.landed_cost import is_cents, split_cents
from purchasing.models import Allocation, PurchaseReceipt, ReceiptLine, Supplier

REFERENCE_TYPE = "purchase_receipt"
MAX_LINES = 100
_LOT_CODE_LENGTH = 80
_REFERENCE_LENGTH = PurchaseReceipt._meta.get_field("reference").max_length or 80


@dataclass(frozen=True)
class ReceiptLineInput:
    """One line as the maker entered it: `quantity` of `item` in `unit` (None: the stock unit)
    for `cost` in total (what the invoice line says, in dollars and cents)."""

    item: Item | int
    quantity: Decimal | int | str
    cost: Decimal | int | str
    unit: str | None = None
    expires_at: datetime | None = None
    supplier_lot_code: str = ""


@dataclass
class _Line:
    position: int
    item: Item
    given: ReceiptLineInput
    cost: Decimal
    weight: Decimal
    landed: Decimal = Decimal("0")
    share: Decimal = Decimal("0")


def record_receipt(
    *,
    supplier: Supplier | int,
    lines: Sequence[ReceiptLineInput],
    shipping: Decimal | int | str = 0,
    tax: Decimal | int | str = 0,
    fees: Decimal | int | str = 0,
    allocation: str = Allocation.VALUE,
    received_at: datetime | None = None,
    reference: str = "",
    note: str = "",
    actor_id: int | None = None,
    idempotency_key: str | None = None,
) -> PurchaseReceipt:
    """Receive a supplier's delivery: one lot per line, each at its landed cost per stock unit (its
    cost plus its share of shipping, tax and fees, shared `allocation` = by value or by weight).

    Validates everything first (every amount, item, unit, date and lot code of every line, and that
    the extras can be shared) and raises one ReceiptRefused naming each bad line; then, in one
    transaction, writes the receipt and calls `inventory.services.receive` for each line in item-id
    order (receive locks each item, so locks are always taken in the same order). A refusal there
    (an item archived meanwhile) rolls everything back and names its line. Raises SupplierArchived
    and Supplier.DoesNotExist. With an idempotency_key already used, returns that receipt.
    """
    problems: list[LineProblem] = []
    extras = {
        name: _money(value, name, problems)
        for name, value in (("shipping", shipping), ("tax", tax), ("fees", fees))
    }
    if allocation not in Allocation.values:
        problems.append(LineProblem(0, "Choose how to share the extra costs.", "allocation"))
    if len(reference or "") > _REFERENCE_LENGTH:
        problems.append(
            LineProblem(0, f"The invoice number can be at most {_REFERENCE_LENGTH} characters.")
        )
    received_at = received_at or timezone.now()
    extra_total = sum(extras.values(), Decimal("0"))
    if not lines and extra_total:
        problems.append(
            LineProblem(
                0,
                f"There are no lines to share the ${extra_total:,.2f} of shipping, tax and fees "
                f"among. Add what the delivery brought.",
            )
        )
    checked = _check_lines(lines, allocation, received_at, problems)
    if not problems:
        _share_extras(checked, extra_total, allocation, problems)
    if problems:
        raise ReceiptRefused(problems)
    try:
        return _write(
            supplier=supplier,
            lines=checked,
            extras=extras,
            allocation=allocation,
            received_at=received_at,
            reference=(reference or "").strip(),
            note=note,
            actor_id=actor_id,
            idempotency_key=idempotency_key or None,
        )
    except IntegrityError:
        # The same submission, committed by a concurrent request while this one waited on the key.
        if idempotency_key:
            existing = PurchaseReceipt.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        raise


def _money(value, field: str, problems: list[LineProblem], line: int = 0) -> Decimal:
    label = "cost" if field == "cost" else field
    try:
        amount = units.parse_amount(
            "0" if value in (None, "") else value,
            field=field,
            allow_zero=True,
            label=label,
            maximum=units.MAX_COST,
            places=None,
        )
    except DomainError as exc:
        problems.append(LineProblem(line, exc.message, field))
        return Decimal("0")
    if not is_cents(amount):
        problems.append(
            LineProblem(line, f"Enter the {label} in dollars and cents, e.g. 12.50.", field)
        )
        return Decimal("0")
    return amount.quantize(Decimal("0.01"))


def _check_lines(
    lines: Sequence[ReceiptLineInput],
    allocation: str,
    received_at: datetime,
    problems: list[LineProblem],
) -> list[_Line]:
    if not lines:
        if not problems:
            problems.append(
                LineProblem(0, "Add at least one line: what arrived, how much and its cost.")
            )
        return []
    if len(lines) > MAX_LINES:
        problems.append(LineProblem(0, f"A receipt can have at most {MAX_LINES} lines."))
        return []
    ids = [line.item.pk if isinstance(line.item, Item) else line.item for line in lines]
    items = Item.objects.in_bulk([pk for pk in ids if isinstance(pk, int)])
    custom = [unit.as_definition() for unit in CustomUnit.objects.all()]
    checked = []
    for position, (given, pk) in enumerate(zip(lines, ids, strict=True), start=1):
        found = items.get(pk) if isinstance(pk, int) else None
        before = len(problems)
        cost = _money(given.cost, "cost", problems, position)
        if found is None:
            problems.append(LineProblem(position, "Choose an item from your inventory.", "item"))
            continue
        if found.is_archived:
            problems.append(
                LineProblem(
                    position, f"{found.name} is archived. Restore it before receiving it.", "item"
                )
            )
        elif not found.is_tracked:
            problems.append(
                LineProblem(
                    position,
                    f"{found.name} isn't tracked in stock, so it can't be received. Turn on stock "
                    f"tracking for it first.",
                    "item",
                )
            )
        if len(given.supplier_lot_code or "") > _LOT_CODE_LENGTH:
            problems.append(
                LineProblem(
                    position,
                    f"The supplier lot code can be at most {_LOT_CODE_LENGTH} characters.",
                    "supplier_lot_code",
                )
            )
        weight = _line_weight(found, given, allocation, custom, position, problems)
        if len(problems) == before:
            try:
                preview_receive(
                    item=found,
                    quantity=given.quantity,
                    unit=given.unit,
                    total_cost=cost,
                    received_at=received_at,
                    expires_at=given.expires_at,
                    custom_units=custom,
                )
            except DomainError as exc:
                # The receipt's date is the same for every line: say so once, for the receipt.
                problem = (
                    LineProblem(0, exc.message, exc.field)
                    if exc.field == "received_at"
                    else LineProblem(position, exc.message, exc.field)
                )
                if problem not in problems:
                    problems.append(problem)
        checked.append(_Line(position, found, given, cost, weight))
    return checked


def _line_weight(item, given, allocation, custom, position, problems) -> Decimal:
    """The line's share key: its weight in grams when sharing by weight (else unused)."""
    if allocation != Allocation.WEIGHT:
        return Decimal("0")
    try:
        return units.convert(
            given.quantity,
            given.unit or item.stock_unit,
            "g",
            density=item.density_g_per_ml,
            custom_units=custom,
            item_name=item.name,
        )
    except DomainError as exc:
        problems.append(
            LineProblem(
                position,
                f"{item.name} can't be weighed, so the extras can't be shared by weight: "
                f"{exc.message}",
                "unit",
            )
        )
        return Decimal("0")


def _share_extras(
    lines: list[_Line], extra_total: Decimal, allocation: str, problems: list[LineProblem]
) -> None:
    keys = [line.cost if allocation == Allocation.VALUE else line.weight for line in lines]
    try:
        shares = split_cents(extra_total, keys)
    except ValueError:
        problems.append(
            LineProblem(
                0,
                f"Every line cost $0.00, so the ${extra_total:,.2f} of shipping, tax and fees "
                f"can't be shared by value. Share them by weight, or enter what the lines cost.",
                "allocation",
            )
        )
        return
    for line, share in zip(lines, shares, strict=True):
        line.share = share
        line.landed = line.cost + share


def _write(
    *,
    supplier,
    lines: list[_Line],
    extras: dict[str, Decimal],
    allocation: str,
    received_at: datetime,
    reference: str,
    note: str,
    actor_id: int | None,
    idempotency_key: str | None,
) -> PurchaseReceipt:
    with transaction.atomic():
        if idempotency_key:
            existing = PurchaseReceipt.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        pk = supplier.pk if isinstance(supplier, Supplier) else supplier
        # Shared with archiving: a supplier being archived waits for the receipt, and the reverse.
        found = Supplier.objects.select_for_update(no_key=True).get(pk=pk)
        if found.is_archived:
            raise SupplierArchived(
                f"{found.name} is archived. Restore the supplier before recording a delivery from "
                f"it.",
                field="supplier",
            )
        goods = sum((line.cost for line in lines), Decimal("0"))
        receipt = PurchaseReceipt.objects.create(
            supplier=found,
            reference=reference,
            received_at=received_at,
            allocation=allocation,
            goods_total=goods,
            total=goods + sum(extras.values(), Decimal("0")),
            note=note,
            recorded_by_id=actor_id,
            idempotency_key=idempotency_key,
            **extras,
        )
        rows = []
        for line in sorted(lines, key=lambda line: (line.item.pk, line.position)):
            given = line.given
            try:
                lot = receive(
                    item=line.item.pk,
                    quantity=given.quantity,
                    unit=given.unit,
                    total_cost=line.landed,
                    received_at=received_at,
                    expires_at=given.expires_at,
                    supplier=found.name,
                    supplier_lot_code=given.supplier_lot_code,
                    supplier_id=found.pk,
                    reference=(REFERENCE_TYPE, receipt.pk),
                    actor_id=actor_id,
                    note=f"Invoice {reference}" if reference else "",
                )
            except DomainError as exc:
                raise ReceiptRefused([LineProblem(line.position, exc.message, exc.field)])
            rows.append(
                ReceiptLine(
                    receipt=receipt,
                    position=line.position,
                    item=line.item,
                    lot=lot,
                    quantity=units.parse_amount(given.quantity),
                    unit=(given.unit or "").strip() or line.item.stock_unit,
                    cost=line.cost,
                    extra_cost=line.share,
                    landed_cost=line.landed,
                )
            )
        ReceiptLine.objects.bulk_create(sorted(rows, key=lambda row: row.position))
    return receipt
