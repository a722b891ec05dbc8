"""Finish a batch, guided, one decision per step: how much was made -> where it goes -> dates, then
finish. The answers travel in the query string until the last step posts them to `finish_batch`, so
nothing is written before the maker confirms. Splitting the yield across several items stays on the
full finish form (batches:finish), linked from step 2.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from batches.models import Batch
from batches.selectors import OutputExpiry, batch_row, batch_to_finish, output_expiry
from batches.services import OutputInput, finish_batch
from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.forms import day_of, start_of_day
from batchtrack.money import format_money
from batchtrack.view_helpers import found_or_404
from inventory import units
from inventory.display import input_amount
from inventory.models import Item
from inventory.selectors import plain_item
from products.services import NewProduct, clean_new_product
from workspace.forms import (
    NEW_PRODUCT,
    NOWHERE,
    FinishAnswers,
    FinishDatesForm,
    FinishWhereForm,
    FinishYieldForm,
)
from workspace.text import plural

STEPS = ("How much", "Where", "Finish")


def _steps(current: int) -> list[tuple[int, str, str]]:
    return [
        (n, name, "done" if n < current else "current" if n == current else "todo")
        for n, name in enumerate(STEPS, start=1)
    ]


def _running_or_redirect(request, pk: int):
    """The running batch, or a redirect to its page (with why) when it is not running."""
    batch = found_or_404(batch_to_finish, "batch", pk)
    if batch.status != Batch.Status.IN_PROGRESS:
        messages.error(
            request,
            f"Batch {batch.display_code} is {batch.get_status_display().lower()}; "
            "only a running batch can be finished.",
        )
        return None, redirect("batches:detail", pk=pk)
    return batch, None


def _answers(request) -> dict:
    return FinishAnswers(request.GET).values


def _parse_made(text: str) -> Decimal:
    """A yield as the finish service reads it (the same rule); raises its InvalidAmount."""
    return units.parse_amount(text, field="made", label="yield")


def _made(answers: dict) -> Decimal | None:
    """The yield carried from step 1, or None when it is missing or not a positive number."""
    try:
        return _parse_made(answers["made"])
    except DomainError:
        return None


def _label(batch: Batch) -> str:
    return plural(batch.portion_name) if batch.portion_name else batch.yield_unit


def _context(batch: Batch, made: Decimal | None, step: int) -> dict:
    context = {"batch": batch, "steps": _steps(step), "label": _label(batch)}
    if made is not None:
        with units.arithmetic():
            context["each_cost"] = batch.consumed_cost / made
        context["made"] = made
        context["made_param"] = input_amount(made)  # for the links and hidden field
    return context


def _step_url(route: str, batch: Batch, **params) -> str:
    return reverse(route, args=[batch.pk]) + "?" + urlencode(params)


@permission_required("batches.run")
def how_much(request, pk: int):
    batch, away = _running_or_redirect(request, pk)
    if away:
        return away
    # Bound when the form was sent ("go"); a Back link only brings the earlier answer (?made=).
    planned = input_amount(batch.planned_yield)
    answers = _answers(request)
    form = FinishYieldForm(
        request.GET if answers["go"] else None, initial={"made": answers["made"] or planned}
    )
    if form.is_bound and form.is_valid():
        try:
            _parse_made(form.cleaned_data["made"])
        except DomainError as exc:
            form.add_error("made", exc.message)
        else:
            return redirect(_step_url("guide:finish_where", batch, made=form.cleaned_data["made"]))
    return render(
        request, "workspace/finish_yield.html", {**_context(batch, None, 1), "form": form}
    )


@permission_required("batches.run")
def cost_preview(request, pk: int):
    """htmx, step 1: what each unit costs at the yield being typed (nothing is written)."""
    batch = found_or_404(batch_row, "batch", pk)
    answers = _answers(request)
    return render(
        request,
        "workspace/partials/finish_cost.html",
        _context(batch, _made(answers), 1) | {"typed": bool(answers["made"])},
    )


@permission_required("batches.run")
def where(request, pk: int):
    batch, away = _running_or_redirect(request, pk)
    if away:
        return away
    answers = _answers(request)
    made = _made(answers)
    if made is None:
        return redirect("guide:finish", pk=pk)
    output = batch.recipe.output_item if batch.recipe.output_item_id else None
    form = FinishWhereForm(
        request.GET if answers["into"] else None,
        first=output,
        initial={
            "into": answers["was"] or (str(output.pk) if output else NEW_PRODUCT),
            "name": answers["name"] or batch.recipe.name,
            "price": answers["price"],
        },
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        params = {"made": answers["made"], "into": data["into"]}
        if data["into"] == NEW_PRODUCT:
            params |= {"name": data["name"], "price": data["price"]}
            try:
                clean_new_product(NewProduct(name=data["name"], price=data["price"]))
            except DomainError as exc:
                form.add_error("price" if exc.field == "price" else "name", exc.message)
        if form.is_valid():
            return redirect(_step_url("guide:finish_confirm", batch, **params))
    return render(
        request, "workspace/finish_where.html", {**_context(batch, made, 2), "form": form}
    )


def _item_or_none(into: str) -> Item | None:
    """The item an answer names (its id), or None (nowhere, or an id that isn't an item here)."""
    if not (into.isascii() and into.isdigit()):
        return None
    try:
        return plain_item(int(into))
    except Item.DoesNotExist:
        return None


def _default_dates(batch: Batch, expiry: OutputExpiry) -> dict:
    today = timezone.localdate()
    return {
        "expires_on": day_of(expiry.expires_at),
        "cure_until": today + timedelta(days=batch.cure_days) if batch.cure_days else None,
    }


@permission_required("batches.run")
def confirm(request, pk: int):
    batch, away = _running_or_redirect(request, pk)
    if away:
        return away
    answers = _answers(request)
    made, into = _made(answers), answers["into"]
    item = _item_or_none(into)
    new = NewProduct(name=answers["name"], price=answers["price"]) if into == NEW_PRODUCT else None
    if made is None or (item is None and into not in (NOWHERE, NEW_PRODUCT)):
        return redirect("guide:finish", pk=pk)
    posted = request.POST if request.method == "POST" else None  # may be empty: all optional
    expiry = output_expiry(batch=batch, item=item, now=timezone.now())
    form = FinishDatesForm(posted, initial=_default_dates(batch, expiry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outputs = [OutputInput(item.pk, made, batch.yield_unit)] if item else []
        try:
            finish_batch(
                batch=batch,
                actual_yield=made,
                outputs=outputs,
                expires_at=start_of_day(data["expires_on"]),
                hold_until=start_of_day(data["cure_until"]),
                note=data["note"],
                actor_id=request.user.pk,
                new_product=new,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            where_to = f" into {item.name}" if item else ", not stocked"
            if new is not None:
                where_to = f" into your new product {' '.join(new.name.split())}"
            with units.arithmetic():
                each = format_money(batch.consumed_cost / made)
            messages.success(
                request,
                f"Batch {batch.code} is finished: {units.format_amount(made)} {_label(batch)}"
                f"{where_to}, at {each} each.",
            )
            return redirect("batches:detail", pk=pk)
    return render(
        request,
        "workspace/finish_confirm.html",
        {
            **_context(batch, made, 3),
            "form": form,
            "item": item,
            "new": new,
            "into": into,
            "back_query": urlencode(
                {"made": answers["made"], "was": into}
                | ({"name": new.name, "price": new.price} if new else {})
            ),
            "expiry": expiry,
        },
    )
