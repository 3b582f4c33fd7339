"""Replacing content only when asked, and keeping what was replaced so it can be restored (pure state changes)."""

from datetime import datetime
from uuid import UUID

from domain.cast import Cast
from domain.state import ConsolidatedComicState, Replaced, ReplacedKind

KEEP_REPLACED = 5  # older replaced content is dropped (its media stays until the project is deleted)


def would_replace(state: ConsolidatedComicState, kinds: tuple[ReplacedKind, ...]) -> list[str]:
    """What regenerating `kinds` would discard, in words (empty when there is nothing to lose)."""
    lost: list[str] = []
    if "story" in kinds and state.story.text.strip():
        lost.append(f"the story ({len(state.story.text)} characters of text)")
    if "characters" in kinds and state.characters:
        sheets = sum(1 for c in state.characters.values() if c.artifact is not None)
        lost.append(f"the cast of {len(state.characters)} characters ({sheets} with sheets)")
    if "panels" in kinds and state.panels:
        renders = sum(1 for p in state.panels if p.artifact is not None)
        lost.append(f"{len(state.panels)} panels ({renders} rendered) with their dialogue")
    return lost


def archive(state: ConsolidatedComicState, kind: ReplacedKind, replaced_id: UUID, now: datetime) -> None:
    """Keep the current `kind` content in `state.previous` (nothing is kept when there is none)."""
    if not would_replace(state, (kind,)):
        return
    entry = Replaced(id=replaced_id, kind=kind, replaced_at=now)
    if kind == "story":
        entry.story = state.story.model_copy(deep=True)
    elif kind == "characters":
        entry.characters = {k: c.model_copy(deep=True) for k, c in state.characters.items()}
    else:
        entry.panels = [p.model_copy(deep=True) for p in state.panels]
    state.previous = [*state.previous, entry][-KEEP_REPLACED:]


def restore(state: ConsolidatedComicState, previous_id: UUID, replaced_id: UUID, now: datetime) -> ReplacedKind:
    """Put replaced content back (the content it replaces is kept in turn); returns its kind.

    Raises KeyError when `previous_id` names nothing kept.
    """
    entry = next((p for p in state.previous if p.id == previous_id), None)
    if entry is None:
        raise KeyError(previous_id)
    state.previous = [p for p in state.previous if p.id != previous_id]
    archive(state, entry.kind, replaced_id, now)
    if entry.story is not None:
        state.story = entry.story.model_copy(update={"run": state.story.run})  # `run` names the latest stream
    if entry.characters is not None:
        state.characters = entry.characters
        constrain_panels(state)
    if entry.panels is not None:
        state.panels = entry.panels
        constrain_panels(state)
    return entry.kind


def constrain_panels(state: ConsolidatedComicState) -> None:
    """Panels name only cast members: names the cast no longer has are dropped."""
    cast = Cast(state.characters.values())
    for panel in state.panels:
        panel.characters = cast.constrain(panel.characters)[0]
