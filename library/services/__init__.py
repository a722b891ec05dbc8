"""The public recipe library's writes: publishing a workspace's recipe version and staff unlisting.
(Importing one writes the importing workspace's recipes: recipes.services.import_shared_recipe.)"""

from library.services.shared_recipes import publish_recipe, unlist_shared_recipe

__all__ = ["publish_recipe", "unlist_shared_recipe"]
