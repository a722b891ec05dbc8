"""What the calculators and "Save as a recipe" refuse, in words a maker can act on."""

from __future__ import annotations

from batchtrack.errors import DomainError


class ToolInputError(DomainError):
    """One or more inputs a calculator cannot work with; `problems` lists each in plain words."""

    code = "tool_input"

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


class DraftNotSaved(DomainError):
    """The tool's result could not become a draft recipe (no draft waiting, no right to write
    recipes in that workspace, or the workspace refused the recipe or an ingredient)."""

    code = "draft_not_saved"
