"""The ComicWorkflow's state transitions, free of Temporal so they are tested directly.

Each function changes a ConsolidatedComicState in place (or reads it) and returns the Changes to persist; what a
run holds in flight but never stores (the renders queued, a composition running) is passed in. Ids and times come
from the caller (the workflow's deterministic `uuid4` and `now`), in the order the workflow always drew them.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID

from comics.pages import PagePlan, plan_pages, stale
from contracts.activities import Change, CharactersOutput, PageJob, PanelsOutput, StoryOutput
from domain.artifact import Artifact
from domain.cast import Cast
from domain.character import Character
from domain.edits import StateEdit, apply_edit
from domain.page import Page
from domain.panel import Panel
from domain.replacements import archive, constrain_panels, restore
from domain.state import ConsolidatedComicState, PhaseName, PhaseState, PhaseStatus, ReplacedKind
from domain.story import Story

RenderPhase = Literal["character_renders", "panel_renders"]
NewId = Callable[[], UUID]

PHASE_LABELS: dict[PhaseName, str] = {
    "story": "story generation",
    "characters": "character extraction",
    "character_renders": "character rendering",
    "panels": "panel generation",
    "panel_renders": "panel rendering",
    "pages": "page composition",
}
LLM_PHASES: tuple[PhaseName, ...] = ("story", "characters", "panels")
RENDER_PHASES: tuple[RenderPhase, ...] = ("character_renders", "panel_renders")
RENDERED_KIND: dict[RenderPhase, Literal["character", "panel"]] = {
    "character_renders": "character",
    "panel_renders": "panel",
}
INTERRUPTED = "interrupted before it finished; run it again"


# ---- phases ---------------------------------------------------------------------------------------------------


def set_phase(state: ConsolidatedComicState, name: PhaseName, status: PhaseStatus, error: str = "") -> None:
    """Mark a phase, keeping its progress counts."""
    current: PhaseState = getattr(state.phases, name)
    setattr(state.phases, name, PhaseState(status=status, error=error or None, done=current.done, total=current.total))


def phase_change(state: ConsolidatedComicState, name: PhaseName) -> Change:
    return Change(kind="phase", id=name, status=getattr(state.phases, name).status)


def begin(state: ConsolidatedComicState, *names: PhaseName) -> list[Change]:
    for name in names:
        set_phase(state, name, "running")
    return [phase_change(state, name) for name in names]


def fail(state: ConsolidatedComicState, name: PhaseName, error: str) -> list[Change]:
    set_phase(state, name, "error", error)
    return [phase_change(state, name)]


def refresh_render_phase(state: ConsolidatedComicState, name: RenderPhase, queued: Collection[UUID]) -> None:
    """Derive a render phase's status and progress from its entities."""
    entities: list[Character] | list[Panel] = (
        list(state.characters.values()) if name == "character_renders" else state.panels
    )
    total = len(entities)
    done = sum(1 for e in entities if e.render_status == "completed")
    failed = [e for e in entities if e.render_status == "error"]
    error = None
    if any(e.id in queued for e in entities):
        status: PhaseStatus = "running"
    elif failed:
        status = "error"
        error = f"{len(failed)} of {total} failed; first: {failed[0].render_error}"
    elif total and done == total:
        status = "completed"
    else:
        status = "idle"
    setattr(state.phases, name, PhaseState(status=status, error=error, done=done, total=total))


def refresh_render_phases(state: ConsolidatedComicState, queued: Collection[UUID]) -> None:
    for name in RENDER_PHASES:
        refresh_render_phase(state, name, queued)


def recover_interrupted(state: ConsolidatedComicState) -> list[Change]:
    """A run that was terminated mid-phase left 'running' marks behind: turn them into errors."""
    changed = False
    for name, label in PHASE_LABELS.items():
        phase: PhaseState = getattr(state.phases, name)
        if phase.status == "running":
            phase.status, phase.error, changed = "error", f"{label} {INTERRUPTED}", True
    if state.story.status == "streaming":
        state.story.status, state.story.error, changed = "error", f"story {INTERRUPTED}", True
    entities: list[Character | Panel] = [*state.characters.values(), *state.panels]
    for entity in entities:
        if entity.render_status == "rendering":
            entity.render_status, entity.render_error, changed = "error", f"render {INTERRUPTED}", True
    return [Change(kind="project")] if changed else []


# ---- what the phases produced ---------------------------------------------------------------------------------


def _count_llm(state: ConsolidatedComicState, result: StoryOutput | CharactersOutput | PanelsOutput) -> None:
    state.usage.add_llm(result.model, result.usage.prompt_tokens, result.usage.completion_tokens)


def start_story(state: ConsolidatedComicState, prompt: str, new_id: NewId, now: datetime) -> list[Change]:
    """A new story run, streaming; the previous story is kept in `previous`."""
    run = state.story.run + 1
    archive(state, "story", new_id(), now)
    state.story = Story(prompt=prompt, status="streaming", run=run)
    set_phase(state, "story", "running")
    return [Change(kind="story", status="streaming"), phase_change(state, "story")]


def finish_story(state: ConsolidatedComicState, result: StoryOutput) -> list[Change]:
    story = state.story
    story.text, story.status, story.finish_reason = result.text, "completed", result.finish_reason
    _count_llm(state, result)
    set_phase(state, "story", "completed")
    return [Change(kind="story", status="completed"), phase_change(state, "story")]


def fail_story(state: ConsolidatedComicState, message: str) -> list[Change]:
    state.story.status, state.story.error = "error", message
    set_phase(state, "story", "error", message)
    return [Change(kind="story", status="error"), phase_change(state, "story")]


def adopt_characters(
    state: ConsolidatedComicState, result: CharactersOutput, new_id: NewId, now: datetime, queued: Collection[UUID]
) -> list[Change]:
    """The extracted cast replaces the current one (kept in `previous`); a character named twice is kept once."""
    characters: dict[UUID, Character] = {}
    for profile in result.characters:
        if Cast(characters.values()).resolve(profile.name) is not None:
            continue
        character_id = new_id()
        characters[character_id] = Character(id=character_id, **profile.model_dump())
    archive(state, "characters", new_id(), now)
    state.characters = characters
    constrain_panels(state)
    _count_llm(state, result)
    set_phase(state, "characters", "completed")
    refresh_render_phase(state, "character_renders", queued)
    return [phase_change(state, "characters"), phase_change(state, "character_renders")]


def adopt_panels(
    state: ConsolidatedComicState,
    result: PanelsOutput,
    cast: Cast,
    new_id: NewId,
    now: datetime,
    queued: Collection[UUID],
    warn: Callable[[str], None],
) -> list[Change]:
    """The generated panels replace the current ones (kept in `previous`), naming only characters of `cast` (the
    one they were generated for)."""
    panels: list[Panel] = []
    for index, draft in enumerate(result.panels):
        names, dropped = cast.constrain(draft.characters)
        if dropped:
            warn(f"panel {index}: dropped names not in the cast: {', '.join(dropped)}")
        panels.append(
            Panel(
                id=new_id(),
                index=index,
                background=draft.background,
                characters=names,
                dialogue=draft.dialogue,
                caption=draft.caption,
            )
        )
    archive(state, "panels", new_id(), now)
    state.panels = panels
    _count_llm(state, result)
    set_phase(state, "panels", "completed")
    refresh_render_phase(state, "panel_renders", queued)
    return [phase_change(state, "panels"), phase_change(state, "panel_renders")]


def restore_previous(
    state: ConsolidatedComicState, previous_id: UUID, new_id: NewId, now: datetime, queued: Collection[UUID]
) -> tuple[ReplacedKind, list[Change]]:
    """Put back what a phase replaced (what it replaces is kept in turn); the kind put back, and the changes."""
    kind = restore(state, previous_id, new_id(), now)
    set_phase(state, kind, "completed")
    refresh_render_phases(state, queued)
    return kind, [Change(kind="project"), phase_change(state, kind)]


def apply_user_edit(
    state: ConsolidatedComicState, edit: StateEdit, new_id: NewId, queued: Collection[UUID]
) -> ConsolidatedComicState:
    """The state after a user's edit, its render phases derived again (an edit can pick, add or drop renders)."""
    edited = apply_edit(state, edit, new_id)
    refresh_render_phases(edited, queued)
    return edited


# ---- renders --------------------------------------------------------------------------------------------------


def panel(state: ConsolidatedComicState, panel_id: UUID) -> Panel | None:
    return next((p for p in state.panels if p.id == panel_id), None)


def rendered(state: ConsolidatedComicState, phase: RenderPhase, entity_id: UUID) -> Character | Panel | None:
    """The character or panel a render phase renders under that id, as it is now."""
    return state.characters.get(entity_id) if phase == "character_renders" else panel(state, entity_id)


def panel_cast(state: ConsolidatedComicState, panel_id: UUID, cast: Cast) -> list[Character]:
    """The characters the panel names, as they are now."""
    found = panel(state, panel_id)
    resolved = [cast.resolve(name) for name in found.characters] if found is not None else []
    return [state.characters.get(c.id, c) for c in resolved if c is not None]


def panels_showing(state: ConsolidatedComicState, character_id: UUID) -> list[UUID]:
    cast = Cast(state.characters.values())
    return [p.id for p in state.panels if any(c.id == character_id for c in panel_cast(state, p.id, cast))]


def start_render(phase: RenderPhase, entity: Character | Panel) -> Change:
    entity.render_status, entity.render_error = "rendering", None
    return Change(kind=RENDERED_KIND[phase], id=str(entity.id), status="rendering")


def finish_render(
    state: ConsolidatedComicState,
    phase: RenderPhase,
    entity_id: UUID,
    artifact: Artifact | None,
    error: str | None,
    queued: set[UUID],
) -> list[Change]:
    """Apply a render's outcome to the entity as it is now (an edit may have changed or removed it), and take it
    off the queue. Neither an artifact nor an error: the entity was gone before its render started."""
    queued.discard(entity_id)
    if artifact is not None:  # generated (and paid for) even when the entity is gone by now
        state.usage.add_image(artifact.model)
    entity = rendered(state, phase, entity_id)
    changes = []
    if entity is not None and (artifact is not None or error is not None):
        if artifact is not None:
            if entity.artifact is not None:
                entity.history.append(entity.artifact)
            entity.artifact, entity.render_status, entity.render_error = artifact, "completed", None
        else:
            entity.render_status, entity.render_error = "error", error
        changes.append(Change(kind=RENDERED_KIND[phase], id=str(entity_id), status=entity.render_status))
    refresh_render_phase(state, phase, queued)
    return [*changes, phase_change(state, phase)]


def unrendered_panels(state: ConsolidatedComicState) -> list[int]:
    """The numbers (1-based) of the panels with no render yet."""
    return [p.index + 1 for p in state.panels if p.artifact is None]


def panels_busy(state: ConsolidatedComicState, queued: Collection[UUID]) -> bool:
    """Panels are being generated or rendered: pages composed now would be stale moments later."""
    return state.phases.panels.status == "running" or any(p.id in queued for p in state.panels)


# ---- pages ----------------------------------------------------------------------------------------------------


def plan(state: ConsolidatedComicState, title: str, planner: int) -> list[PagePlan]:
    """The pages of the comic as it is now; `planner` is the workflow's to choose (it is versioned by a patch)."""
    return plan_pages(state.panels, title, state.layout, planner=planner)


def pages_current(state: ConsolidatedComicState, plans: Sequence[PagePlan]) -> bool:
    """Every planned page is composed from the inputs it has now, and no page beyond the plan is kept."""
    return not stale(plans, state.pages) and len(state.pages) == len(plans)


def refresh_pages_phase(
    state: ConsolidatedComicState, plans: Sequence[PagePlan], composing: bool, error: str | None
) -> list[Change]:
    """Derive the pages phase from the plan and the stored pages (a change only if it changed)."""
    total = len(plans)
    done = total - len(stale(plans, state.pages))
    shown = None
    if composing:
        status: PhaseStatus = "running"
    elif error is not None:
        status, shown = "error", error
    elif total and done == total:
        status = "completed"
    else:
        status = "idle"
    phase = PhaseState(status=status, error=shown, done=done, total=total)
    if phase == state.phases.pages:
        return []
    state.phases.pages = phase
    return [phase_change(state, "pages")]


@dataclass(frozen=True)
class Composition:
    """The stale pages to compose, planned before the activity runs; its result lands on the pages as they were."""

    plans: list[PagePlan]
    todo: list[PagePlan]
    before: dict[int, Page]
    ids: list[UUID]

    @classmethod
    def of(cls, state: ConsolidatedComicState, plans: list[PagePlan], new_id: NewId) -> "Composition":
        """Each planned page keeps its stored page's id; a page new to the plan draws one."""
        before = {p.index: p for p in state.pages}
        ids = [before[plan.index].id if plan.index in before else new_id() for plan in plans]
        return cls(plans=plans, todo=stale(plans, state.pages), before=before, ids=ids)

    def jobs(self) -> list[PageJob]:
        return [PageJob(page_id=self.ids[plan.index], plan=plan) for plan in self.todo]

    def pages(self, composed: Sequence[Page]) -> list[Page]:
        """The composed pages in place of the ones they recompose; a page not composed now was not stale: kept."""
        fresh = {page.index: page for page in composed}
        return [
            _recomposed(fresh[plan.index], self.before.get(plan.index))
            if plan.index in fresh
            else self.before[plan.index]
            for plan in self.plans
        ]


def _recomposed(page: Page, before: Page | None) -> Page:
    """The newly composed page, with the images of the one it replaces kept in its history, oldest first.

    A composition can come back to an image it made before (a panel edited, then edited back: same inputs, same
    key): that one is current again and leaves the history, where no key stands twice.
    """
    if before is None:
        return page
    current = page.artifact.key if page.artifact is not None else None
    kept = [*before.history, *([before.artifact] if before.artifact is not None else [])]
    unique = {a.key: a for a in kept if a.key != current}
    return page.model_copy(update={"history": sorted(unique.values(), key=lambda a: a.created_at)})
