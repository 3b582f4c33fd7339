"""JSON Merge Patch (RFC 7396): the small deltas the workflow sends to be persisted, instead of whole documents.

Merge patch cannot express "set to null" (null means "remove"); every nullable field of the state models defaults
to null, so removing it and setting it to null validate to the same model.
"""

from typing import Any


def merge_diff(old: Any, new: Any) -> Any:
    """The merge patch that turns `old` into `new` (objects recursively; anything else replaced whole)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return new
    patch: dict[str, Any] = {}
    for key in old.keys() - new.keys():
        patch[key] = None
    for key, value in new.items():
        if key not in old:
            patch[key] = value
        elif old[key] != value:
            patch[key] = merge_diff(old[key], value)
    return patch


def merge_apply(target: Any, patch: Any) -> Any:
    """Apply a merge patch, returning a new document (the inputs are not modified)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_apply(result.get(key), value)
    return result


def _keyed(document: dict[str, Any]) -> dict[str, Any]:
    """The state document with panels keyed by id (plus their order), so a patch can name one panel."""
    panels = document.get("panels") or []
    return {
        **{k: v for k, v in document.items() if k != "panels"},
        "panels": {str(p["id"]): p for p in panels},
        "panel_order": [str(p["id"]) for p in panels],
    }


def _unkeyed(document: dict[str, Any]) -> dict[str, Any]:
    panels = document.get("panels") or {}
    plain = {k: v for k, v in document.items() if k not in ("panels", "panel_order")}
    plain["panels"] = [panels[i] for i in document.get("panel_order") or []]
    return plain


def state_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The patch from one state document to the next, panels addressed by id.

    A plain merge patch replaces arrays whole, so one panel's change would resend every panel: this one's size
    follows what changed, not how many panels there are.
    """
    patch: dict[str, Any] = merge_diff(_keyed(old), _keyed(new))
    return patch


def state_apply(document: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Apply a `state_diff` patch to a state document (a new document; the inputs are not modified)."""
    return _unkeyed(merge_apply(_keyed(document), patch))
