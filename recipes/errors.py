"""Recipes' domain errors: each says what is wrong and how to fix it; a service that raises one has
changed nothing."""

from __future__ import annotations

from batchtrack.errors import DomainError


class RecipeError(DomainError):
    code = "RECIPE_ERROR"


class InvalidRecipe(RecipeError):
    """A field of the recipe itself (name, yield, category field) is missing or out of range."""

    code = "INVALID_RECIPE"


class DuplicateRecipeName(RecipeError):
    code = "DUPLICATE_RECIPE_NAME"


class DuplicatePrefix(RecipeError):
    code = "DUPLICATE_PREFIX"


class InvalidLine(RecipeError):
    """One or more lines are wrong; `details["problems"]` lists (line number, message) pairs."""

    code = "INVALID_LINE"


class VersionLocked(RecipeError):
    """A published version was asked to change."""

    code = "VERSION_LOCKED"


class NotPublishable(RecipeError):
    code = "NOT_PUBLISHABLE"


class RecipeArchived(RecipeError):
    code = "RECIPE_ARCHIVED"


class InvalidScale(RecipeError):
    code = "INVALID_SCALE"
