"""Versions of a render: an entity's `artifact` (the current one) and its `history`, each named by its media key.

Every render request stores its image under a key of its own, so a key names one version for good. Picking a
version makes it the `artifact` and puts every other one in `history`, in the order they were made: nothing is
dropped, and picking the previous current one again undoes the pick.
"""

from typing import Protocol

from domain.artifact import Artifact
from domain.character import RenderStatus


class Versioned(Protocol):
    """A character, a panel or a page."""

    artifact: Artifact | None
    history: list[Artifact]


class Rendered(Versioned, Protocol):
    """A character or a panel: its versions come from renders that can fail."""

    render_status: RenderStatus
    render_error: str | None


def version_keys(entity: Versioned) -> list[str]:
    """Oldest first, the current one included."""
    found = [*entity.history, *([entity.artifact] if entity.artifact is not None else [])]
    return [a.key for a in sorted(found, key=lambda a: a.created_at)]


def pick_version(entity: Versioned, key: str) -> bool:
    """Make the version stored under `key` current; False (nothing changed) when it is not one of the entity's."""
    if entity.artifact is not None and entity.artifact.key == key:
        return True
    chosen = next((a for a in entity.history if a.key == key), None)
    if chosen is None:
        return False
    others = [a for a in entity.history if a.key != key]
    if entity.artifact is not None:
        others.append(entity.artifact)
    entity.artifact, entity.history = chosen, sorted(others, key=lambda a: a.created_at)
    return True


def pick_render(entity: Rendered, key: str) -> bool:
    """`pick_version`, and a failed last render stops marking the entity failed once another version is picked."""
    before = entity.artifact
    if not pick_version(entity, key):
        return False
    if entity.artifact is not before and entity.render_status == "error":
        # The last render failed, but the user picked a good one: the entity has a render again.
        entity.render_status, entity.render_error = "completed", None
    return True
