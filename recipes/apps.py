from __future__ import annotations

from django.apps import AppConfig


class RecipesConfig(AppConfig):
    name = "recipes"

    def ready(self) -> None:
        from billing.usage import register_counter
        from recipes.models import Recipe

        # Archived recipes don't count toward the limit (restoring one checks it again).
        register_counter(
            "recipes", lambda organization: Recipe.objects.filter(is_archived=False).count()
        )
