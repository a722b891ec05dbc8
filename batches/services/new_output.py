"""A batch's output into a product made in the same finish ("Make a new product for these"): the
product and its one SKU are created through products' services inside `finish_batch`'s transaction."""

from __future__ import annotations

from collections.abc import Sequence

from batches.errors import InvalidOutput
from batches.models import Batch
from products.services import NewProduct, create_simple_product
from recipes.services import set_default_output


def new_product_item(batch: Batch, new: NewProduct, outputs: Sequence[object]) -> int:
    """Create `new` (kept in the batch's yield unit, linked to its recipe, and where the recipe's
    batches go when it had no such place yet) and return its SKU's item id, to take the whole yield.
    The caller holds the transaction and the batch's lock."""
    if outputs:
        raise InvalidOutput(
            "Put the batch into the new product or into the items you chose, not both.",
            field="outputs",
        )
    # The recipe's portion ("bar") names what the product counts: "10 bars are curing".
    sku = create_simple_product(
        new=new,
        stock_unit=batch.yield_unit,
        recipe_id=batch.recipe_id,
        count_noun=batch.portion_name,
    )
    if batch.recipe.output_item_id is None:  # the recipe's next batches go there too
        set_default_output(recipe_id=batch.recipe_id, item_id=sku.item_id)
    return sku.item_id
