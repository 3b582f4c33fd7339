"""JSON Merge Patch (RFC 7396): the small deltas the workflow sends to be persisted, instead of whole documents.

Merge patch cannot express "set to null" (null means "remove"); every nullable field of the state models defaults
to null, so removing it and setting it to null validate to the same model.
"""

import itertools
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState

# Keyed entities, validated one by one; every other top-level field is validated whole when the patch touches it.
_ENTITY_FIELDS = ("panels", "characters", "panel_order")


class InvalidState(ValueError):
    """Applying the patch would leave a state document that does not validate (the message says where)."""


def keeping_unknown(stored: Any, dumped: Any) -> Any:
    """`dumped` (a model's dump of `stored`) with the object keys this code's models do not know put back.

    A rolling upgrade runs older code on documents newer code wrote: it reads them with unknown fields ignored
    and must not erase those fields when it writes. Objects are merged recursively; lists are taken as dumped
    (an unknown field inside a list item is the one thing an older writer drops).
    """
    if not isinstance(stored, dict) or not isinstance(dumped, dict):
        return dumped
    merged = {key: value for key, value in stored.items() if key not in dumped}
    for key, value in dumped.items():
        merged[key] = keeping_unknown(stored.get(key), value)
    return merged


def _refuse_unknown(patch: Any, dumped: Any, where: str) -> None:
    """Refuse a patch that sets a field this code's models do not know: a patch is written by this very code, so
    such a field is a bug (the stored document's unknown fields, from newer code, are kept instead)."""
    if not isinstance(patch, dict) or not isinstance(dumped, dict):
        return
    for key, value in patch.items():
        if value is None:
            continue  # a removal
        if key not in dumped:
            raise InvalidState(f"{where}.{key}: unknown field".lstrip("."))
        _refuse_unknown(value, dumped[key], f"{where}.{key}")


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


def state_apply_validated(document: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """`state_apply`, validating only what the patch touches: each panel or character it names, each other field.

    `document` must be valid (every write validates): what the patch leaves alone is not validated again, so a
    write costs what changed, not the document's size. The touched parts come back normalised (as the models dump
    them), and the whole document's invariants (character keys are their ids, panel ids unique, indexes ascending)
    are checked on the plain dicts. Raises InvalidState.
    """
    unknown = sorted(patch.keys() - ConsolidatedComicState.model_fields.keys() - {"panel_order"})
    if unknown:
        raise InvalidState(f"unknown fields {unknown}")
    result = merge_apply(_keyed(document), patch)
    others = patch.keys() - set(_ENTITY_FIELDS)
    if others:
        try:
            # Absent fields take their defaults, so a partial model validates exactly the touched fields.
            part = ConsolidatedComicState.model_validate({k: result[k] for k in others if k in result}, extra="ignore")
        except ValidationError as e:
            raise _invalid(e, "") from e
        dumped = part.model_dump(mode="json", include=others)
        _refuse_unknown({k: patch[k] for k in others}, dumped, "")
        result.update(keeping_unknown(result, dumped))
    result["panels"] = _validated_entities(result.get("panels"), patch.get("panels"), Panel, "panels")
    result["characters"] = _validated_entities(
        result.get("characters"), patch.get("characters"), Character, "characters"
    )
    _check_panel_order(result["panels"], result.get("panel_order"))
    return _unkeyed(result)


def _validated_entities(
    entities: Any, patch: Any, model: type[Panel] | type[Character], field: str
) -> dict[str, dict[str, Any]]:
    """The keyed entities with those the patch names validated (and filed under their canonical id)."""
    if not isinstance(entities, dict):
        if entities is None:
            return {}
        raise InvalidState(f"{field}: not an object keyed by id")
    if not isinstance(patch, dict):
        return entities
    for key, change in patch.items():
        if change is None:
            continue  # removed
        stored = entities.pop(key)
        try:
            entity = model.model_validate(stored, extra="ignore")
        except ValidationError as e:
            raise _invalid(e, f"{field}[{key}]") from e
        try:
            same = UUID(key) == entity.id
        except ValueError:
            same = False
        if not same:
            raise InvalidState(f"{field}[{key}] holds an entity whose id is {entity.id}")
        dumped = entity.model_dump(mode="json")
        _refuse_unknown(change, dumped, f"{field}[{key}]")
        entities[str(entity.id)] = keeping_unknown(stored, dumped)
    return entities


def _check_panel_order(panels: dict[str, dict[str, Any]], order: Any) -> None:
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(panels):
        raise InvalidState("panel_order must list every panel once")
    indexes = [panels[str(i)]["index"] for i in order]
    if any(b <= a for a, b in itertools.pairwise(indexes)):
        raise InvalidState("panels must be ordered by index, with no index repeated")


def _invalid(error: ValidationError, where: str) -> InvalidState:
    first = error.errors()[0]
    location = ".".join([where, *map(str, first["loc"])]).strip(".") or "state"
    return InvalidState(f"{location}: {first['msg']}")
