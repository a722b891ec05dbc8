"""The form that publishes a recipe to the public recipe library."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin
from batchtrack.query_forms import QueryForm, search_field


class RecipeLibraryQuery(QueryForm):
    """The recipe library's search box, from the query string."""

    q = search_field()


class PublishRecipeForm(StyledFormMixin, forms.Form):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="What it makes, what it is like, tips for other makers. At least 20 characters.",
    )
    cover = forms.FileField(
        required=False,
        label="Cover picture (optional)",
        help_text="PNG, JPEG, WEBP or GIF, at most 2 MB.",
    )
