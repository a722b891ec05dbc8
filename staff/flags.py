"""Feature flags: what is being rolled out gradually, declared here, read with `flag_enabled`.

A flag is rollout (is this new thing switched on yet, everywhere or for some workspaces); a tier is
entitlement (has this workspace paid for it: billing.gates). A page behind both asks both; a flag
never stands in for a tier gate.

Staff turn a flag on or off for everyone or for one workspace in the admin (FlagOverride, written only
by staff.services.flags, every change audited). Resolution: the workspace's override, else the global
override, else the default declared here.

Why not django-waffle: its flags are switched for users, groups or a percentage; switching one for a
workspace means a custom flag model, and it can only add workspaces to an "on" list, never turn a
globally-on flag off for one workspace. Our need is exactly "a default, a global override, per-workspace
overrides both ways", which is one small table and one cached read below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.cache import caches
from django.http import Http404

from staff.errors import UnknownFlag


@dataclass(frozen=True)
class Flag:
    key: str
    description: str
    default: bool
    owner: str  # who decides when it is rolled out further


REGISTRY: dict[str, Flag] = {
    flag.key: flag
    for flag in (
        Flag("new_tools", "New maker tools while they are being tried out", False, "product"),
        # On for everyone: staff can still turn the shared library off, globally or for a
        # workspace, while it settles (sharing, importing and the link to it all follow the flag).
        Flag("recipe_library", "The shared recipe library: browse, import, share", True, "product"),
        Flag("shop_sync", "Sync products and stock with an online shop", False, "integrations"),
        Flag("ai_assistant", "The AI assistant for recipes and planning", False, "product"),
    )
}

CACHE_KEY = "staff:flags:v1"
CACHE_SECONDS = 300


def get_flag(key: str) -> Flag:
    try:
        return REGISTRY[key]
    except KeyError:
        raise UnknownFlag(f"There is no feature flag called '{key}'.", field="key") from None


def _overrides() -> dict[str, Any]:
    """Every override as {"global": {key: on}, "workspaces": {org id: {key: on}}}, cached in the
    shared (not workspace-scoped) cache; the database answers when the cache is unavailable."""
    cache = caches["global"]
    state = cache.get(CACHE_KEY)
    if state is None:
        from staff.models import FlagOverride

        state = {"global": {}, "workspaces": {}}
        for key, organization_id, enabled in FlagOverride.objects.values_list(
            "key", "organization_id", "enabled"
        ):
            if organization_id is None:
                state["global"][key] = enabled
            else:
                state["workspaces"].setdefault(str(organization_id), {})[key] = enabled
        cache.set(CACHE_KEY, state, CACHE_SECONDS)
    return state


def forget_cached_overrides() -> None:
    caches["global"].delete(CACHE_KEY)


def flag_enabled(key: str, organization: Any = None) -> bool:
    """Is flag `key` on for `organization` (None or the public site: the global state)?"""
    flag = get_flag(key)
    state = _overrides()
    organization_id = getattr(organization, "pk", None)
    own = state["workspaces"].get(str(organization_id), {}) if organization_id else {}
    if key in own:
        return bool(own[key])
    return bool(state["global"].get(key, flag.default))


def flag_required(key: str):
    """View decorator: the page does not exist (404) while the flag is off for the workspace."""
    get_flag(key)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not flag_enabled(key, getattr(request, "tenant", None)):
                raise Http404("No such page")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
