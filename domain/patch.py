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
