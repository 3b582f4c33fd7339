"""What a request needs of the project before the ComicWorkflow accepts it: the checks its Update validators run.

Free of Temporal: a check raises `Refused`, which the workflow turns into the typed rejection the API maps to an
HTTP status. Nothing here changes the state.
"""

import itertools
from collections.abc import Collection
from uuid import UUID

from contracts.errors import REJECT_CONFLICT, REJECT_INVALID, REJECT_NOT_FOUND, REJECT_STALE
from contracts.workflows import EditRequest
from domain.edits import EditRejected, apply_edit
from domain.replacements import would_replace
from domain.state import ConsolidatedComicState, PhaseName, ReplacedKind
from workflows.progress import LLM_PHASES, PHASE_LABELS, panel, unrendered_panels


class Refused(Exception):
    """A request the project cannot take now; `kind` is one of the REJECT_* error types."""

    def __init__(self, message: str, kind: str = REJECT_CONFLICT) -> None:
        super().__init__(message)
        self.kind = kind


def numbers(values: list[int]) -> str:
    """Panel numbers for a message: the first ten, then how many more."""
    shown = ", ".join(map(str, values[:10]))
    return shown + (f" and {len(values) - 10} more" if len(values) > 10 else "")


def ensure_free(state: ConsolidatedComicState, auto: bool, *phases: PhaseName) -> None:
    """No automatic run, and none of `phases` running."""
    if auto:
        raise Refused("An automatic run is in progress; wait for it to finish")
    for name in phases:
        if getattr(state.phases, name).status == "running":
            raise Refused(f"The {PHASE_LABELS[name]} phase is already running")


def ensure_quiet(state: ConsolidatedComicState, auto: bool, queued: Collection[UUID]) -> None:
    """Nothing runs: no phase, no render (what replaces or restores whole parts of the state needs)."""
    ensure_free(state, auto, *PHASE_LABELS)
    if queued:
        raise Refused("Renders are still running; wait for them to finish")


def require_story(state: ConsolidatedComicState) -> None:
    if state.story.status != "completed" or not state.story.text.strip():
        raise Refused("There is no finished story yet: generate the story first")


def require_characters(state: ConsolidatedComicState) -> None:
    require_story(state)
    if state.phases.characters.status != "completed":
        raise Refused("Characters have not been extracted yet: extract characters first")


def require_panels(state: ConsolidatedComicState) -> None:
    if state.phases.panels.status != "completed" or not state.panels:
        raise Refused("There are no panels yet: generate panels first")


def require_consent(state: ConsolidatedComicState, replace: bool, *kinds: ReplacedKind) -> None:
    """What the request would replace, it replaces only when asked to."""
    lost = would_replace(state, kinds)
    if lost and not replace:
        raise Refused(
            f'This would replace {" and ".join(lost)}: send {{"replace": true}} to go ahead '
            "(what is replaced is kept in the project's `previous` and can be restored)"
        )


def prompt_of(state: ConsolidatedComicState, prompt: str | None) -> str:
    """The request's prompt, else the project's."""
    chosen = prompt if prompt is not None else state.story.prompt
    if not chosen.strip():
        raise Refused("No prompt: give one in the request or in the project", REJECT_INVALID)
    return chosen


def require_character(state: ConsolidatedComicState, character_id: UUID, queued: Collection[UUID]) -> None:
    """The character exists and is not being rendered."""
    if character_id not in state.characters:
        raise Refused(f"Character {character_id} not found", REJECT_NOT_FOUND)
    if character_id in queued:
        raise Refused("That character is already being rendered")


def require_panel(state: ConsolidatedComicState, panel_id: UUID, queued: Collection[UUID]) -> None:
    """The panel exists and is not being rendered."""
    if panel(state, panel_id) is None:
        raise Refused(f"Panel {panel_id} not found", REJECT_NOT_FOUND)
    if panel_id in queued:
        raise Refused("That panel is already being rendered")


def unrendered_reason(state: ConsolidatedComicState) -> str | None:
    """Why pages cannot be composed yet, if some panels have no render."""
    missing = unrendered_panels(state)
    if missing:
        return f"Panels {numbers(missing)} have no render yet: render them first (render-all-panels)"
    return None


def require_rendered_panels(state: ConsolidatedComicState, queued: Collection[UUID], what: str) -> None:
    """Every panel has a render and none is rendering: what `what` (an export, a composition) needs."""
    require_panels(state)
    rendering = [p.index + 1 for p in state.panels if p.id in queued]
    if rendering:
        raise Refused(f"Panels {numbers(rendering)} are still rendering: {what} when they are done")
    reason = unrendered_reason(state)
    if reason is not None:
        raise Refused(reason)


def check_edit(state: ConsolidatedComicState, version: int, auto: bool, request: EditRequest) -> None:
    """The edit is made against the current version and, if it edits the state, applies to it."""
    if request.version != version:
        raise Refused(
            f"Project changed since version {request.version} (now {version}); fetch it and apply your edit again",
            REJECT_STALE,
        )
    if request.state is None:
        return
    if auto:
        raise Refused("An automatic run is in progress; edit the state after it finishes")
    for name in LLM_PHASES:
        if getattr(state.phases, name).status == "running":
            raise Refused(f"The {PHASE_LABELS[name]} phase is running; edit the state after it finishes")
    try:
        # Ids drawn here are thrown away: a validator must not consume the workflow's random stream.
        placeholders = itertools.count(1)
        apply_edit(state, request.state, lambda: UUID(int=next(placeholders)))
    except EditRejected as e:
        raise Refused(f"Invalid edit: {e}", REJECT_INVALID) from e
