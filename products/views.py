"""Product pages: products with their variants, sizes and SKUs; a SKU's stock, margin and deductions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.errors import DomainError
from batchtrack.glossary import quantity_words
from batchtrack.money import format_money
from batchtrack.view_helpers import found_or_404, show_error
from inventory import units
from inventory.models import Reservation
from inventory.selectors import lots_for_item
from products import selectors
from products.forms import (
    DeductForm,
    HoldForm,
    OptionForm,
    ProductForm,
    SizeForm,
    SkuEditForm,
    SkuForm,
    SkuSearchForm,
)
from products.models import Deduction, Product, Sku
from products.services import (
    add_size,
    add_variant,
    create_sku,
    deduct,
    hold,
    release_hold,
    return_sale,
    sell_hold,
    suggest_sku_code,
    update_product,
    update_sku,
)
from sales.selectors import lines_for_sku
from sales.services import record_sale


@permission_required("products.view")
def product_list(request):
    search = SkuSearchForm(request.GET).values["q"]
    return render(
        request,
        "products/product_list.html",
        {
            "skus": selectors.sku_list(search=search),
            "q": search,
        },
    )


def _product_values(form, product: Product) -> dict:
    """The edit form's answers; a simple product's form has no code or pattern: they stay."""
    data = form.cleaned_data
    return {
        "name": data["name"],
        "code": data.get("code", product.code),
        "category": data["category"],
        "description": data["description"],
        "sku_pattern": data.get("sku_pattern", product.sku_pattern),
        "recipe_id": data["recipe"].pk if data["recipe"] else None,
    }


@permission_required("products.edit")
def product_edit(request, pk: int):
    product = found_or_404(selectors.product_detail, "product", pk)
    initial = {
        "name": product.name,
        "code": product.code,
        "category": product.category,
        "description": product.description,
        "sku_pattern": product.sku_pattern,
        "recipe": product.recipe_id,
    }
    form = ProductForm(request.POST or None, initial=initial, simple=product.is_simple)
    if request.method == "POST" and form.is_valid():
        try:
            update_product(product=product, **_product_values(form, product))
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request, "Product saved. The codes of its sizes and variants are unchanged."
            )
            return redirect("products:detail", pk=pk)
    return render(request, "products/product_form.html", {"form": form, "product": product})


@permission_required("products.view")
def product_detail(request, pk: int):
    product = found_or_404(selectors.product_detail, "product", pk)
    return render(
        request,
        "products/product_detail.html",
        {
            "product": product,
            "skus": selectors.sku_list(product=product),
            "variant_form": OptionForm(prefix="variant"),
            "size_form": SizeForm(prefix="size"),
        },
    )


@require_POST
@permission_required("products.edit")
def variant_add(request, pk: int):
    product = get_object_or_404(Product, pk=pk)
    form = OptionForm(request.POST, prefix="variant")
    if form.is_valid():
        try:
            add_variant(
                product=product, name=form.cleaned_data["name"], code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Give the variant a name.")
    return redirect("products:detail", pk=pk)


@require_POST
@permission_required("products.edit")
def size_add(request, pk: int):
    product = get_object_or_404(Product, pk=pk)
    form = SizeForm(request.POST, prefix="size")
    if form.is_valid():
        container = form.cleaned_data["container"]
        try:
            add_size(
                product=product,
                name=form.cleaned_data["name"],
                code=form.cleaned_data["code"],
                container_id=container.pk if container else None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Give the size a name.")
    return redirect("products:detail", pk=pk)


@permission_required("products.edit")
def sku_create(request, pk: int):
    product = found_or_404(selectors.product_detail, "product", pk)
    variants = {str(v.pk): v for v in product.variants.all()}
    sizes = {str(s.pk): s for s in product.sizes.all()}
    form = SkuForm(request.POST or None, product=product)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sku = create_sku(
                product=product,
                variant=variants.get(data["variant"]),
                size=sizes.get(data["size"]),
                code=data["code"],
                price=data["price"],
                stock_unit=data["stock_unit"],
                shelf_life_days=data["shelf_life_days"],
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{sku.label} ({sku.code}) is created.")
            return redirect("products:detail", pk=pk)
    return render(
        request,
        "products/sku_form.html",
        {"product": product, "form": form, "suggestion": suggest_sku_code(product, None, None)},
    )


@permission_required("products.view")
def sku_detail(request, pk: int):
    sku = found_or_404(selectors.sku_detail, "SKU", pk)
    return render(
        request,
        "products/sku_detail.html",
        {
            "sku": sku,
            "lots": lots_for_item(item=sku.item),
            "deductions": selectors.deductions_for(sku),
            "sales": lines_for_sku(sku),
            "deduct_form": DeductForm(),
            "holds": selectors.holds_for(sku),
            "hold_form": HoldForm(prefix="hold"),
            "edit_form": SkuEditForm(initial={"code": sku.code, "price": sku.price}),
        },
    )


@require_POST
@permission_required("products.edit")
def sku_edit(request, pk: int):
    sku = get_object_or_404(Sku, pk=pk)
    form = SkuEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a code and a price.")
        return redirect("products:sku", pk=pk)
    data = form.cleaned_data
    perform(
        request, lambda: update_sku(sku=sku, code=data["code"], price=data["price"]), "SKU saved."
    )
    return redirect("products:sku", pk=pk)


@require_POST
@permission_required("products.sell")
def sku_deduct(request, pk: int):
    """Record what happened to some of a SKU's stock. A sale is a one-line order without a customer
    (sales' `record_sale`); a gift, tester or damage is a deduction."""
    sku = get_object_or_404(Sku.objects.select_related("item"), pk=pk)
    form = DeductForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what happened and enter a quantity.")
        return redirect("products:sku", pk=pk)
    data = form.cleaned_data
    if data["kind"] == Deduction.Kind.SOLD:
        perform(
            request,
            lambda: record_sale(
                sku=sku,
                quantity=data["quantity"],
                unit_price=data["unit_price"] or None,
                note=data["note"],
                actor_id=request.user.pk,
            ),
            lambda line: (
                f"Recorded: sold {units.format_amount(line.quantity)} of {sku.code} "
                f"(order {line.order.code})."
            ),
            back=reverse("products:sku", args=[pk]),
        )
        return redirect("products:sku", pk=pk)
    perform(
        request,
        lambda: deduct(
            sku=sku,
            kind=data["kind"],
            quantity=data["quantity"],
            note=data["note"],
            actor_id=request.user.pk,
        ),
        lambda row: (
            f"Recorded: {row.get_kind_display().lower()} "
            f"{units.format_amount(row.quantity)} of {sku.code}."
        ),
    )
    return redirect("products:sku", pk=pk)


@require_POST
@permission_required("products.sell")
def sku_hold(request, pk: int):
    sku = get_object_or_404(Sku.objects.select_related("item"), pk=pk)
    form = HoldForm(request.POST, prefix="hold")
    if not form.is_valid():
        messages.error(request, "Enter how many to hold and what they are held for.")
        return redirect("products:sku", pk=pk)
    data = form.cleaned_data
    perform(
        request,
        lambda: hold(
            sku=sku, quantity=data["quantity"], note=data["note"], actor_id=request.user.pk
        ),
        lambda held: (
            f"{quantity_words(held.quantity, sku.item.stock_unit, sku.item.count_noun)} of {sku.code} "
            f"held for {held.note}. Nobody else can use them until you sell or release the hold."
        ),
    )
    return redirect("products:sku", pk=pk)


HOLDS_SHOWN = 200


@permission_required("products.view")
def hold_list(request):
    holds = list(selectors.open_holds()[: HOLDS_SHOWN + 1])
    return render(
        request,
        "products/hold_list.html",
        {"holds": holds[:HOLDS_SHOWN], "more": len(holds) > HOLDS_SHOWN},
    )


def _after_hold(request, held: Reservation):
    if request.POST.get("next") == "holds":
        return redirect("products:holds")
    return redirect("products:sku", pk=held.reference_id)


@require_POST
@permission_required("products.sell")
def hold_sell(request, pk: int):
    held = found_or_404(selectors.hold, "hold", pk)
    perform(
        request,
        lambda: sell_hold(
            reservation=held,
            unit_price=request.POST.get("unit_price", "").strip() or None,
            actor_id=request.user.pk,
        ),
        lambda sale: (
            f"Sold {quantity_words(sale.quantity, sale.sku.item.stock_unit, sale.sku.item.count_noun)} "
            f"held for {held.note}, for {format_money(sale.revenue)}."
        ),
    )
    return _after_hold(request, held)


@require_POST
@permission_required("products.sell")
def hold_release(request, pk: int):
    held = found_or_404(selectors.hold, "hold", pk)
    perform(
        request,
        lambda: release_hold(reservation=held, actor_id=request.user.pk),
        f"The hold for {held.note} is released; the stock is free again.",
    )
    return _after_hold(request, held)


@require_POST
@permission_required("products.sell")
def sale_return(request, pk: int):
    sale = get_object_or_404(Deduction, pk=pk)
    perform(
        request,
        lambda: return_sale(
            sale=sale,
            quantity=request.POST.get("quantity") or None,
            note=request.POST.get("note", ""),
            actor_id=request.user.pk,
        ),
        "The return is back in stock.",
    )
    return redirect("products:sku", pk=sale.sku_id)
