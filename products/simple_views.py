"""Making a product the simple way: a name and a price, its one SKU and code made quietly (from the
product pages, or for a recipe from its settings). Scents and sizes come later, on the product page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.money import format_money
from batchtrack.view_helpers import found_or_404, show_error
from products.forms import SimpleProductForm
from products.services import NewProduct, create_recipe_product, create_simple_product
from recipes import selectors as recipe_selectors


def _ready(sku) -> str:
    price = f" at {format_money(sku.price)}" if sku.price else ""
    return (
        f"{sku.product.name} is ready to sell{price}. When you make it in more than one scent or "
        "size, add them on its page."
    )


@permission_required("products.edit")
def product_create(request):
    form = SimpleProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sku = create_simple_product(
                new=NewProduct(name=data["name"], price=data["price"]),
                recipe_id=data["recipe"].pk if data["recipe"] else None,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _ready(sku))
            return redirect("products:detail", pk=sku.product_id)
    return render(request, "products/product_form.html", {"form": form, "product": None})


@require_POST
@permission_required("products.edit")
def recipe_product(request, recipe_pk: int):
    """From a recipe's settings: a new product for it, where its finished batches go from now on."""
    recipe = found_or_404(recipe_selectors.recipe_detail, "recipe", recipe_pk)
    form = SimpleProductForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the new product a name.")
        return redirect("recipes:settings", pk=recipe.pk)
    data = form.cleaned_data
    try:
        sku = create_recipe_product(
            recipe_id=recipe.pk, new=NewProduct(name=data["name"], price=data["price"])
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("recipes:settings", pk=recipe.pk)
    messages.success(
        request, f"{_ready(sku)} Finished batches of {recipe.name} go there from now on."
    )
    return redirect("recipes:settings", pk=recipe.pk)
