"""ComicWorkflow: one long-lived entity workflow per project, the single writer of its state while it runs.

Phases are requested through Updates (validators give the REST layer an immediate accept or a typed reject),
run as activities on the LLM and image task queues, and every state change is persisted to PostgreSQL (the read
model) by a single persister loop sending JSON merge patches. The run closes itself after a quiet period and
continues-as-new when its history grows; the next request starts it again from the stored state.
"""

import asyncio
import builtins
import itertools
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, Literal
from uuid import UUID

from temporalio import workflow
from temporalio.common import Priority
from temporalio.exceptions import ActivityError, ApplicationError, ChildWorkflowError

with workflow.unsafe.imports_passed_through():
    from activities.character_render import CharacterRenderActivities
    from activities.characters import CharacterActivities
    from activities.export import ExportActivities
    from activities.pages import PageActivities
    from activities.panel_render import PanelRenderActivities
    from activities.panels import PanelActivities
    from activities.persistence import PersistenceActivities
    from comics.pages import PagePlan, plan_pages, stale
    from contracts import workflows as names
    from contracts.activities import (
        Change,
        CharactersInput,
        ComposePagesInput,
        ExportInput,
        PageJob,
        PanelsInput,
        PersistInput,
        RenderCharacterInput,
        RenderPanelInput,
        SheetRef,
        StoredProject,
        StoryOutput,
    )
    from contracts.errors import (
        PROJECT_MISSING,
        REJECT_CONFLICT,
        REJECT_INVALID,
        REJECT_NOT_FOUND,
        REJECT_STALE,
        REJECT_UNAVAILABLE,
    )
    from contracts.workflows import (
        AcceptedPhase,
        ComicInput,
        EditRequest,
        ExportRequest,
        PanelRef,
        PhaseAccepted,
        PhaseRequest,
        RenderCharacterRequest,
        RestoreRequest,
        Snapshot,
        StoryFinished,
        StoryRequest,
        StoryStreamInput,
        story_workflow_id,
    )
    from domain.artifact import Artifact
    from domain.cast import Cast
    from domain.character import Character
    from domain.edits import EditRejected, apply_edit
    from domain.page import Page
    from domain.panel import Panel
    from domain.patch import state_diff
    from domain.replacements import archive, constrain_panels, restore, would_replace
    from domain.state import ConsolidatedComicState, PhaseName, PhaseState, PhaseStatus, ReplacedKind
    from domain.story import Story
    from workflows import policies
    from workflows.failures import failure_message
    from workflows.story import StoryWorkflow

RenderPhase = Literal["character_renders", "panel_renders"]

PHASE_LABELS: dict[str, str] = {
    "story": "story generation",
    "characters": "character extraction",
    "character_renders": "character rendering",
    "panels": "panel generation",
    "panel_renders": "panel rendering",
    "pages": "page composition",
}
LLM_PHASES: tuple[PhaseName, ...] = ("story", "characters", "panels")
RENDERED_KIND: dict[RenderPhase, Literal["character", "panel"]] = {
    "character_renders": "character",
    "panel_renders": "panel",
}
INTERRUPTED = "interrupted before it finished; run it again"
# Temporal priority keys: lower runs first (1 highest, 5 lowest; 3 is the default).
INTERACTIVE, BULK = 1, 3
EXPORT_SUMMARY_CHARS = 1000


def _numbers(values: list[int]) -> str:
    shown = ", ".join(map(str, values[:10]))
    return shown + (f" and {len(values) - 10} more" if len(values) > 10 else "")


def _recomposed(page: Page, before: Page | None) -> Page:
    """The newly composed page, with the images of the one it replaces kept in its history (latest last)."""
    if before is None:
        return page
    earlier = [before.artifact] if before.artifact is not None and before.artifact != page.artifact else []
    return page.model_copy(update={"history": [*before.history, *earlier]})


def reject(message: str, kind: str = REJECT_CONFLICT) -> ApplicationError:
    """A validator's refusal, typed so the API can choose the HTTP status."""
    return ApplicationError(message, type=kind, non_retryable=True)


@workflow.defn(name=names.COMIC_WORKFLOW)
class ComicWorkflow:
    """A project's pipeline: story, characters, character sheets, panels, panel renders."""

    @workflow.init
    def __init__(self, params: ComicInput) -> None:
        self.params = params
        self.title = ""
        self.owner_id = ""
        self.version = 0
        self.state = ConsolidatedComicState()
        self.persisted_version = 0
        self.persist_error: str | None = None
        self._persisted_doc: dict[str, Any] = {}
        self._persisted_title = ""
        self._loaded = False
        self._changes: list[Change] = []
        self._dirty = False
        self._persisting = False
        self._jobs: set[asyncio.Task[None]] = set()
        self._crash: BaseException | None = None
        self._slots = asyncio.Semaphore(params.render_fanout)
        self._queued: set[UUID] = set()
        self._auto = False
        self._gone = False
        self._last_change = workflow.now()
        self._finished_stories: dict[str, StoryOutput] = {}
        self._pages_wanted = False  # a change since the pages were last planned: compose what it made stale
        self._pages_job = False
        self._composing = False
        self._pages_error: str | None = None
        if params.start is not None:
            self._start_from(params.start)

    def _start_from(self, stored: StoredProject) -> None:
        self.title, self.owner_id, self.version = stored.title, stored.owner_id, stored.version
        self.state = stored.state.model_copy(deep=True)
        self.persisted_version = stored.version
        self._persisted_doc = self.state.model_dump(mode="json")
        self._persisted_title = self.title
        self._loaded = True
        self._recover_interrupted()

    async def _load(self) -> None:
        """The run's first step: read the row, so a run never starts from a copy someone else read earlier."""
        stored = await workflow.execute_activity_method(
            PersistenceActivities.load_project,
            self.params.project_id,
            start_to_close_timeout=policies.PERSIST_TIMEOUT,
            retry_policy=policies.PERSIST_RETRY,
        )
        if stored is None:
            self._gone = True
        else:
            self._start_from(stored)

    async def _admit(self, validator: Callable[..., None], *args: Any) -> None:
        """Wait for the project to be loaded, then run the update's validator (again, or for the first time).

        An update can arrive with the start (update-with-start), before the first step has read the row; its
        validator then lets it in, and this check decides.
        """
        if not self._loaded:  # no await otherwise: the check and the handler's change then happen in one step
            await workflow.wait_condition(lambda: self._loaded or self._gone)
        if self._gone:
            raise reject(f"Project {self.params.project_id} not found", REJECT_NOT_FOUND)
        validator(*args)

    def _priority(self, interactive: bool) -> Priority:
        """How the task queues order this project's work: interactive before bulk, and users' work interleaved.

        Fairness keys are the owner, so one user's long backlog never makes another wait behind all of it;
        `fairness_weight` gives that user's share (per plan, from configuration).
        """
        fair = self.params.fairness_weight if self.params.fairness else None
        return Priority(
            priority_key=INTERACTIVE if interactive else BULK,
            fairness_key=self.owner_id if self.params.fairness and self.owner_id else None,
            fairness_weight=fair if self.owner_id else None,
        )

    # ---- run loop -------------------------------------------------------------------------------------------

    @workflow.run
    async def run(self, params: ComicInput) -> str:
        """Serve requests until idle for `idle_timeout_seconds` (then close) or history is long (continue-as-new)."""
        if not self._loaded:
            await self._load()
        persister = asyncio.create_task(self._persist_loop())
        idle_timeout = timedelta(seconds=params.idle_timeout_seconds)
        try:
            while True:
                # Idleness counts from the last change, not from when this wait began.
                quiet_for = workflow.now() - self._last_change
                try:
                    await workflow.wait_condition(
                        lambda: self._crash is not None or self._gone or (self._idle() and self._history_long()),
                        timeout=max(idle_timeout - quiet_for, timedelta(seconds=1)),
                    )
                except builtins.TimeoutError:
                    idle_long_enough = workflow.now() - self._last_change >= idle_timeout
                    if idle_long_enough and self._idle() and workflow.all_handlers_finished():
                        return "closed after being idle"
                    continue
                if self._crash is not None:
                    raise self._crash
                await workflow.wait_condition(workflow.all_handlers_finished)
                if self._gone:
                    return "project deleted"
                if self._idle():
                    workflow.continue_as_new(self._carry_over())
        finally:
            persister.cancel()

    def _idle(self) -> bool:
        return not self._jobs and not self._dirty and not self._persisting

    def _history_long(self) -> bool:
        info = workflow.info()
        limit = self.params.continue_as_new_after_events
        return info.is_continue_as_new_suggested() or (limit is not None and info.get_current_history_length() > limit)

    def _carry_over(self) -> ComicInput:
        start = StoredProject(title=self.title, owner_id=self.owner_id, version=self.version, state=self.state)
        return self.params.model_copy(update={"start": start})

    def _spawn(self, job: Coroutine[Any, Any, Any]) -> None:
        task: asyncio.Task[None] = asyncio.create_task(job)
        self._jobs.add(task)
        task.add_done_callback(self._job_done)

    def _job_done(self, task: "asyncio.Task[None]") -> None:
        self._jobs.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # A bug, not a provider failure (those are handled in the jobs): fail the workflow task so it retries.
            self._crash = task.exception()

    # ---- state bookkeeping ------------------------------------------------------------------------------------

    def _touch(self, *changes: Change) -> None:
        self.version += 1
        self._last_change = workflow.now()
        self._changes.extend(changes)
        self._dirty = True

    def _phase(self, name: PhaseName, status: PhaseStatus, error: str = "") -> None:
        current: PhaseState = getattr(self.state.phases, name)
        setattr(
            self.state.phases,
            name,
            PhaseState(status=status, error=error or None, done=current.done, total=current.total),
        )

    def _phase_change(self, name: PhaseName) -> Change:
        return Change(kind="phase", id=name, status=getattr(self.state.phases, name).status)

    def _refresh_render_phase(self, name: RenderPhase) -> None:
        """Derive a render phase's status and progress from its entities."""
        entities: list[Character] | list[Panel] = (
            list(self.state.characters.values()) if name == "character_renders" else self.state.panels
        )
        total = len(entities)
        done = sum(1 for e in entities if e.render_status == "completed")
        failed = [e for e in entities if e.render_status == "error"]
        error = None
        if any(e.id in self._queued for e in entities):
            status: PhaseStatus = "running"
        elif failed:
            status = "error"
            error = f"{len(failed)} of {total} failed; first: {failed[0].render_error}"
        elif total and done == total:
            status = "completed"
        else:
            status = "idle"
        setattr(self.state.phases, name, PhaseState(status=status, error=error, done=done, total=total))

    def _recover_interrupted(self) -> None:
        """A run that was terminated mid-phase left 'running' marks behind: turn them into errors."""
        changed = False
        for name in PHASE_LABELS:
            phase: PhaseState = getattr(self.state.phases, name)
            if phase.status == "running":
                phase.status, phase.error, changed = "error", f"{PHASE_LABELS[name]} {INTERRUPTED}", True
        if self.state.story.status == "streaming":
            self.state.story.status, self.state.story.error, changed = "error", f"story {INTERRUPTED}", True
        entities: list[Character | Panel] = [*self.state.characters.values(), *self.state.panels]
        for entity in entities:
            if entity.render_status == "rendering":
                entity.render_status, entity.render_error, changed = "error", f"render {INTERRUPTED}", True
        if changed:
            self._touch(Change(kind="project"))

    def _accepted(self, phase: AcceptedPhase, message: str, story_stream: str | None = None) -> PhaseAccepted:
        status = getattr(self.state.phases, "story" if phase in ("auto", "restore") else phase)
        return PhaseAccepted(
            phase=phase, status=status, version=self.version, message=message, story_stream=story_stream
        )

    def _snapshot(self) -> Snapshot:
        return Snapshot(
            project_id=self.params.project_id,
            owner_id=self.owner_id,
            title=self.title,
            version=self.version,
            persisted_version=self.persisted_version,
            busy=not self._idle(),
            auto_running=self._auto,
            persist_error=self.persist_error,
            state=self.state,
        )

    # ---- validation helpers -------------------------------------------------------------------------------------

    def _ensure_free(self, *phases: PhaseName) -> None:
        if self._auto:
            raise reject("An automatic run is in progress; wait for it to finish")
        for name in phases:
            if getattr(self.state.phases, name).status == "running":
                raise reject(f"The {PHASE_LABELS[name]} phase is already running")

    def _ensure_quiet(self) -> None:
        """Nothing runs: no phase, no render (what replaces or restores whole parts of the state needs)."""
        self._ensure_free(*PHASE_LABELS)  # type: ignore[arg-type]
        if self._queued:
            raise reject("Renders are still running; wait for them to finish")

    def _require_story(self) -> None:
        if self.state.story.status != "completed" or not self.state.story.text.strip():
            raise reject("There is no finished story yet: generate the story first")

    def _require_characters(self) -> None:
        self._require_story()
        if self.state.phases.characters.status != "completed":
            raise reject("Characters have not been extracted yet: extract characters first")

    def _require_panels(self) -> None:
        if self.state.phases.panels.status != "completed" or not self.state.panels:
            raise reject("There are no panels yet: generate panels first")

    def _require_consent(self, request: PhaseRequest | None, *kinds: ReplacedKind) -> None:
        lost = would_replace(self.state, kinds)
        if lost and not (request and request.replace):
            raise reject(
                f'This would replace {" and ".join(lost)}: send {{"replace": true}} to go ahead '
                "(what is replaced is kept in the project's `previous` and can be restored)"
            )

    def _prompt_of(self, request: StoryRequest) -> str:
        prompt = request.prompt if request.prompt is not None else self.state.story.prompt
        if not prompt.strip():
            raise reject("No prompt: give one in the request or in the project", REJECT_INVALID)
        return prompt

    # ---- queries and updates ----------------------------------------------------------------------------------

    @workflow.query(name=names.SNAPSHOT)
    def snapshot(self) -> Snapshot:
        """Title, version, persisted version and full state."""
        return self._snapshot()

    @workflow.update(name=names.GENERATE_STORY)
    async def generate_story(self, request: StoryRequest) -> PhaseAccepted:
        """Start writing the story (replaces any previous story); answers once its stream exists."""
        await self._admit(self._validate_story, request)
        story = await self._start_story(self._prompt_of(request))
        self._spawn(self._story_phase(story))
        return self._accepted("story", "Story generation started", story.id)

    @generate_story.validator
    def _validate_story(self, request: StoryRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("story")
        self._prompt_of(request)
        self._require_consent(request, "story")

    @workflow.update(name=names.EXTRACT_CHARACTERS)
    async def extract_characters(self, request: PhaseRequest | None = None) -> PhaseAccepted:
        """Start extracting the cast from the story (an existing cast is replaced only with `replace`)."""
        await self._admit(self._validate_characters, request)
        self._begin(("characters",))
        self._spawn(self._characters_phase())
        return self._accepted("characters", "Character extraction started")

    @extract_characters.validator
    def _validate_characters(self, request: PhaseRequest | None = None) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("characters", "character_renders", "panels")
        self._require_story()
        self._require_consent(request, "characters")

    @workflow.update(name=names.RENDER_CHARACTER)
    async def render_character(self, request: RenderCharacterRequest) -> PhaseAccepted:
        """Render one character's reference sheet (the previous one moves to its history); with `cascade`, then
        the panels showing the character, from the new sheet."""
        await self._admit(self._validate_render_character, request)
        showing = self._panels_showing(request.character_id)
        self._queue_renders("character_renders", [request.character_id])
        if request.cascade:
            self._spawn(self._render_sheet_then_panels(request.character_id))
            message = f"Character render started; then the {len(showing)} panels showing the character"
        else:
            self._spawn(self._render_character(request.character_id))
            message = "Character render started"
            if showing:
                message += f"; {len(showing)} panels show the character (cascade re-renders them after the sheet)"
        accepted = self._accepted("character_renders", message)
        accepted.panels_showing = showing
        return accepted

    @render_character.validator
    def _validate_render_character(self, request: RenderCharacterRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("characters", *(("panels",) if request.cascade else ()))
        if request.character_id not in self.state.characters:
            raise reject(f"Character {request.character_id} not found", REJECT_NOT_FOUND)
        if request.character_id in self._queued:
            raise reject("That character is already being rendered")

    @workflow.update(name=names.RENDER_ALL_CHARACTERS)
    async def render_all_characters(self) -> PhaseAccepted:
        """Render every character's sheet not already being rendered, a bounded number at a time."""
        await self._admit(self._validate_render_all_characters)
        ids = [i for i in self.state.characters if i not in self._queued]
        self._spawn(self._render_characters(ids))
        return self._accepted("character_renders", f"Rendering {len(ids)} characters")

    @render_all_characters.validator
    def _validate_render_all_characters(self) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("characters")
        self._require_characters()
        if not self.state.characters:
            raise reject("The cast is empty: there is nothing to render")
        if all(i in self._queued for i in self.state.characters):
            raise reject("Every character is already being rendered")

    @workflow.update(name=names.GENERATE_PANELS)
    async def generate_panels(self, request: PhaseRequest | None = None) -> PhaseAccepted:
        """Start breaking the story into panels (existing panels are replaced only with `replace`)."""
        await self._admit(self._validate_panels, request)
        self._begin(("panels",))
        self._spawn(self._panels_phase())
        return self._accepted("panels", "Panel generation started")

    @generate_panels.validator
    def _validate_panels(self, request: PhaseRequest | None = None) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("characters", "panels", "panel_renders")
        self._require_characters()
        self._require_consent(request, "panels")

    @workflow.update(name=names.RENDER_PANEL)
    async def render_panel(self, request: PanelRef) -> PhaseAccepted:
        """Render one panel (the previous render moves to its history)."""
        await self._admit(self._validate_render_panel, request)
        self._queue_renders("panel_renders", [request.panel_id])
        self._spawn(self._render_panel(request.panel_id))
        return self._accepted("panel_renders", "Panel render started")

    @render_panel.validator
    def _validate_render_panel(self, request: PanelRef) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("panels")
        if self._panel(request.panel_id) is None:
            raise reject(f"Panel {request.panel_id} not found", REJECT_NOT_FOUND)
        if request.panel_id in self._queued:
            raise reject("That panel is already being rendered")

    @workflow.update(name=names.RENDER_ALL_PANELS)
    async def render_all_panels(self) -> PhaseAccepted:
        """Render every panel not already being rendered, a bounded number at a time, each persisted as it lands."""
        await self._admit(self._validate_render_all_panels)
        ids = [p.id for p in self.state.panels if p.id not in self._queued]
        self._spawn(self._render_panels(ids))
        return self._accepted("panel_renders", f"Rendering {len(ids)} panels")

    @render_all_panels.validator
    def _validate_render_all_panels(self) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("panels")
        self._require_panels()
        if all(p.id in self._queued for p in self.state.panels):
            raise reject("Every panel is already being rendered")

    @workflow.update(name=names.RUN_AUTO)
    async def run_auto(self, request: StoryRequest) -> PhaseAccepted:
        """Chain everything: story, characters, all character sheets, panels, all panel renders."""
        await self._admit(self._validate_auto, request)
        self._auto = True
        try:
            story = await self._start_story(self._prompt_of(request))
        except ApplicationError:
            self._auto = False
            raise
        self._spawn(self._auto_run(story))
        return self._accepted("auto", "Automatic run started", story.id)

    @run_auto.validator
    def _validate_auto(self, request: StoryRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_quiet()
        self._prompt_of(request)
        self._require_consent(request, "story", "characters", "panels")

    @workflow.update(name=names.RESTORE)
    async def restore(self, request: RestoreRequest) -> PhaseAccepted:
        """Put back a story, cast or set of panels a phase replaced; what it replaces is kept in turn."""
        await self._admit(self._validate_restore, request)
        kind = restore(self.state, request.previous_id, workflow.uuid4(), workflow.now())
        phase: PhaseName = kind
        self._phase(phase, "completed")
        self._refresh_render_phase("character_renders")
        self._refresh_render_phase("panel_renders")
        self._touch(Change(kind="project"), self._phase_change(phase))
        self._want_pages()
        return self._accepted("restore", f"Restored the previous {kind}")

    @restore.validator
    def _validate_restore(self, request: RestoreRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_quiet()
        if all(p.id != request.previous_id for p in self.state.previous):
            raise reject(f"Nothing replaced is kept under {request.previous_id}", REJECT_NOT_FOUND)

    @workflow.update(name=names.EXPORT)
    async def export(self, request: ExportRequest) -> Artifact:
        """Export the composed pages (any stale page composed first); answers with the stored file's Artifact."""
        await self._admit(self._validate_export, request)
        page_keys: list[str] = []
        # (Patched: runs recorded before pages were a phase laid the panels out in the export itself.)
        if workflow.patched("pages-phase"):
            problem = await self._compose_pages(interactive=True)
            if problem is not None:
                raise reject(problem)
            page_keys = [p.artifact.key for p in self.state.pages if p.artifact is not None]
        renders = [p.artifact for p in self.state.panels if p.artifact is not None]
        cast = [c.name for c in self.state.characters.values()]
        artifact: Artifact = await workflow.execute_activity_method(
            ExportActivities.export_comic,
            ExportInput(
                project_id=self.params.project_id,
                export_id=workflow.uuid4(),
                format=request.format,
                title=self.title,
                summary=self.state.story.text[:EXPORT_SUMMARY_CHARS],
                writer=f"Comic Builder ({self.state.story.finish_reason or 'story'})",
                penciller=", ".join(sorted({a.model for a in renders})),
                characters=cast,
                panel_keys=[] if page_keys else [a.key for a in renders],
                page_keys=page_keys,
            ),
            task_queue=self.params.image_task_queue,
            start_to_close_timeout=policies.EXPORT_TIMEOUT,
            retry_policy=policies.IMAGE_RETRY,
            priority=self._priority(interactive=False),
        )
        return artifact

    @export.validator
    def _validate_export(self, request: ExportRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._require_rendered_panels("export")

    def _require_rendered_panels(self, what: str) -> None:
        self._require_panels()
        rendering = [p.index + 1 for p in self.state.panels if p.id in self._queued]
        if rendering:
            raise reject(f"Panels {_numbers(rendering)} are still rendering: {what} when they are done")
        missing = self._unrendered_panels()
        if missing:
            raise reject(f"Panels {_numbers(missing)} have no render yet: render them first (render-all-panels)")

    @workflow.update(name=names.COMPOSE_PAGES)
    async def compose_pages(self) -> PhaseAccepted:
        """Compose the pages whose panels, lettering, layout or title changed (the others are kept)."""
        await self._admit(self._validate_compose_pages)
        plans = plan_pages(self.state.panels, self.title, self.state.layout)
        todo = stale(plans, self.state.pages)
        if not todo and len(self.state.pages) == len(plans):
            return self._accepted("pages", f"All {len(plans)} pages are up to date")
        self._want_pages()
        return self._accepted("pages", f"Composing {len(todo)} of {len(plans)} pages")

    @compose_pages.validator
    def _validate_compose_pages(self) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        self._ensure_free("panels", "pages")
        self._require_rendered_panels("compose pages")

    @workflow.update(name=names.EDIT)
    async def edit(self, request: EditRequest) -> Snapshot:
        """Apply a user's edit (title and/or state) made against the current version; returns once persisted."""
        await self._admit(self._validate_edit, request)
        if request.title is not None:
            self.title = request.title
        if request.state is not None:
            self.state = apply_edit(self.state, request.state, workflow.uuid4)
            self._refresh_render_phase("character_renders")
            self._refresh_render_phase("panel_renders")
        self._touch(Change(kind="project"))
        self._want_pages()  # a caption, dialogue, order, emphasis, layout or title changed: re-letter, not re-render
        target = self.version
        await workflow.wait_condition(lambda: self.persisted_version >= target or self._gone or self._write_failed())
        if self.persisted_version < target:
            raise reject(self.persist_error or "The project was deleted", REJECT_UNAVAILABLE)
        return self._snapshot()

    def _write_failed(self) -> bool:
        """The latest change was tried and refused (nothing newer is waiting to be written)."""
        return self.persist_error is not None and not self._dirty and not self._persisting

    @edit.validator
    def _validate_edit(self, request: EditRequest) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks once the project is loaded
        if request.version != self.version:
            raise reject(
                f"Project changed since version {request.version} (now {self.version}); "
                "fetch it and apply your edit again",
                REJECT_STALE,
            )
        if request.state is not None:
            if self._auto:
                raise reject("An automatic run is in progress; edit the state after it finishes")
            for name in LLM_PHASES:
                if getattr(self.state.phases, name).status == "running":
                    raise reject(f"The {PHASE_LABELS[name]} phase is running; edit the state after it finishes")
            try:
                # Ids drawn here are thrown away: a validator must not consume the workflow's random stream.
                placeholders = itertools.count(1)
                apply_edit(self.state, request.state, lambda: UUID(int=next(placeholders)))
            except EditRejected as e:
                raise reject(f"Invalid edit: {e}", REJECT_INVALID) from e

    # ---- phases -------------------------------------------------------------------------------------------------

    def _begin(self, phases: tuple[PhaseName, ...]) -> None:
        for name in phases:
            self._phase(name, "running")
        self._touch(*(self._phase_change(name) for name in phases))

    async def _start_story(self, prompt: str) -> "workflow.ChildWorkflowHandle[Any, StoryOutput]":
        """Mark the story as streaming and start the StoryWorkflow that hosts its token stream."""
        run = self.state.story.run + 1
        archive(self.state, "story", workflow.uuid4(), workflow.now())
        self.state.story = Story(prompt=prompt, status="streaming", run=run)
        self._phase("story", "running")
        self._touch(Change(kind="story", status="streaming"), self._phase_change("story"))
        try:
            return await workflow.start_child_workflow(
                StoryWorkflow.run,
                StoryStreamInput(
                    project_id=self.params.project_id, prompt=prompt, llm_task_queue=self.params.llm_task_queue
                ),
                id=story_workflow_id(self.params.project_id, run),
                task_queue=workflow.info().task_queue,
                priority=self._priority(interactive=True),  # its story activity inherits it
            )
        except Exception as e:
            self._fail_story(f"could not start the story stream: {e}")
            raise reject(f"Could not start the story: {e}") from e

    def _fail_story(self, message: str) -> None:
        self.state.story.status, self.state.story.error = "error", message
        self._phase("story", "error", message)
        self._touch(Change(kind="story", status="error"), self._phase_change("story"))

    @workflow.signal(name=names.STORY_FINISHED)
    def story_finished(self, finished: StoryFinished) -> None:
        """The story child's result, sent before it lingers for its stream's last readers."""
        self._finished_stories[finished.workflow_id] = finished.output

    async def _story_phase(self, story: "workflow.ChildWorkflowHandle[Any, StoryOutput]") -> bool:
        # The child's early signal carries the result; its completion (after the linger) is the fallback and
        # the only way a failure arrives.
        completion = asyncio.ensure_future(story)
        await workflow.wait_condition(lambda: story.id in self._finished_stories or completion.done())
        try:
            result = self._finished_stories.pop(story.id, None) or await completion
        except ChildWorkflowError as e:
            self._fail_story(failure_message(e))
            return False
        done = self.state.story
        done.text, done.status, done.finish_reason = result.text, "completed", result.finish_reason
        self.state.usage.add_llm(result.model, result.usage.prompt_tokens, result.usage.completion_tokens)
        self._phase("story", "completed")
        self._touch(Change(kind="story", status="completed"), self._phase_change("story"))
        return True

    async def _characters_phase(self) -> bool:
        try:
            result = await workflow.execute_activity_method(
                CharacterActivities.extract_characters,
                CharactersInput(project_id=self.params.project_id, story=self.state.story.text),
                task_queue=self.params.llm_task_queue,
                start_to_close_timeout=policies.EXTRACTION_TIMEOUT,
                heartbeat_timeout=policies.LLM_HEARTBEAT,
                retry_policy=policies.LLM_RETRY,
                priority=self._priority(interactive=True),
            )
        except ActivityError as e:
            self._phase("characters", "error", failure_message(e))
            self._touch(self._phase_change("characters"))
            return False
        characters: dict[UUID, Character] = {}
        for profile in result.characters:
            if Cast(characters.values()).resolve(profile.name) is not None:  # the same character named twice
                continue
            character_id = workflow.uuid4()
            characters[character_id] = Character(id=character_id, **profile.model_dump())
        archive(self.state, "characters", workflow.uuid4(), workflow.now())
        self.state.characters = characters
        constrain_panels(self.state)
        self.state.usage.add_llm(result.model, result.usage.prompt_tokens, result.usage.completion_tokens)
        self._phase("characters", "completed")
        self._refresh_render_phase("character_renders")
        self._touch(self._phase_change("characters"), self._phase_change("character_renders"))
        return True

    async def _panels_phase(self) -> bool:
        cast = Cast(self.state.characters.values())
        try:
            result = await workflow.execute_activity_method(
                PanelActivities.generate_panels,
                PanelsInput(project_id=self.params.project_id, story=self.state.story.text, cast=cast.names()),
                task_queue=self.params.llm_task_queue,
                start_to_close_timeout=policies.EXTRACTION_TIMEOUT,
                heartbeat_timeout=policies.LLM_HEARTBEAT,
                retry_policy=policies.LLM_RETRY,
                priority=self._priority(interactive=True),
            )
        except ActivityError as e:
            self._phase("panels", "error", failure_message(e))
            self._touch(self._phase_change("panels"))
            return False
        panels: list[Panel] = []
        for index, draft in enumerate(result.panels):
            names, dropped = cast.constrain(draft.characters)
            if dropped:
                workflow.logger.warning("panel %d: dropped names not in the cast: %s", index, ", ".join(dropped))
            panels.append(
                Panel(
                    id=workflow.uuid4(),
                    index=index,
                    background=draft.background,
                    characters=names,
                    dialogue=draft.dialogue,
                    caption=draft.caption,
                )
            )
        archive(self.state, "panels", workflow.uuid4(), workflow.now())
        self.state.panels = panels
        self.state.usage.add_llm(result.model, result.usage.prompt_tokens, result.usage.completion_tokens)
        self._phase("panels", "completed")
        self._refresh_render_phase("panel_renders")
        self._touch(self._phase_change("panels"), self._phase_change("panel_renders"))
        self._want_pages()  # the pages of the replaced panels are stale now
        return True

    # ---- renders ------------------------------------------------------------------------------------------------

    def _queue_renders(self, phase: RenderPhase, ids: list[UUID]) -> None:
        self._queued.update(ids)
        self._refresh_render_phase(phase)
        self._touch(self._phase_change(phase))

    async def _render_characters(self, ids: list[UUID]) -> None:
        """A bulk render: the first one as interactive (someone is watching it appear), the rest as bulk."""
        self._queue_renders("character_renders", ids)
        await asyncio.gather(*(self._render_character(i, interactive=n == 0) for n, i in enumerate(ids)))

    async def _render_panels(self, ids: list[UUID]) -> None:
        """As _render_characters, for panels."""
        self._queue_renders("panel_renders", ids)
        await asyncio.gather(*(self._render_panel(i, interactive=n == 0) for n, i in enumerate(ids)))

    async def _render_character(self, character_id: UUID, interactive: bool = True) -> None:
        async with self._slots:
            character = self.state.characters.get(character_id)
            if character is None:  # removed by an edit while queued
                self._finish_render("character_renders", character_id, None, None)
                return
            self._start_render("character_renders", character)
            artifact, error = await self._run_render(
                CharacterRenderActivities.render_character,
                RenderCharacterInput(
                    project_id=self.params.project_id,
                    render_id=workflow.uuid4(),
                    character=character.model_copy(update={"history": []}),
                    style=self.state.style,
                ),
                self._priority(interactive),
            )
        self._finish_render("character_renders", character_id, artifact, error)

    def _panels_showing(self, character_id: UUID) -> list[UUID]:
        cast = Cast(self.state.characters.values())
        return [p.id for p in self.state.panels if any(c.id == character_id for c in self._panel_cast(p.id, cast))]

    async def _render_sheet_then_panels(self, character_id: UUID) -> None:
        """A cascade: the sheet, then (if it rendered) the panels showing the character as they are by then."""
        await self._render_character(character_id)
        character = self.state.characters.get(character_id)
        if character is None or character.render_status != "completed":
            return
        # A panel already being rendered is left to that render (it picks up the new sheet if it has not started).
        ids = [i for i in self._panels_showing(character_id) if i not in self._queued]
        if ids:
            await self._render_panels(ids)

    async def _render_panel(self, panel_id: UUID, interactive: bool = True) -> None:
        # No placeholder figures: a sheet being rendered is waited for, a sheet nobody renders fails the panel.
        # (Patched: runs recorded before this rendered such panels with stand-ins, and must replay as they ran.)
        if workflow.patched("panels-need-sheets") and await self._without_sheets(panel_id):
            return
        async with self._slots:
            panel = self._panel(panel_id)
            if panel is None:  # removed by an edit while queued
                self._finish_render("panel_renders", panel_id, None, None)
                return
            self._start_render("panel_renders", panel)
            # Resolved now, not when queued, so sheets rendered meanwhile are used.
            references = Cast(self.state.characters.values()).references(panel.characters)
            artifact, error = await self._run_render(
                PanelRenderActivities.render_panel,
                RenderPanelInput(
                    project_id=self.params.project_id,
                    render_id=workflow.uuid4(),
                    panel=panel.model_copy(update={"history": []}),
                    references=[SheetRef(character_id=r.character_id, name=r.name, key=r.key) for r in references],
                    style=self.state.style,
                ),
                self._priority(interactive),
            )
        self._finish_render("panel_renders", panel_id, artifact, error)

    async def _run_render(self, activity: Any, request: Any, priority: Priority) -> tuple[Artifact | None, str | None]:
        try:
            artifact: Artifact = await workflow.execute_activity_method(
                activity,
                request,
                task_queue=self.params.image_task_queue,
                start_to_close_timeout=policies.RENDER_TIMEOUT,
                heartbeat_timeout=timedelta(seconds=self.params.render_heartbeat_seconds),
                retry_policy=policies.IMAGE_RETRY,
                priority=priority,
            )
        except ActivityError as e:
            return None, failure_message(e)
        return artifact, None

    async def _without_sheets(self, panel_id: UUID) -> bool:
        """Wait for the panel's sheets being rendered; True (and the panel failed) when some are still missing."""
        cast = Cast(self.state.characters.values())
        coming = {c.id for c in self._panel_cast(panel_id, cast) if c.artifact is None and c.id in self._queued}
        if coming:
            await workflow.wait_condition(lambda: not coming & self._queued)
        missing = [c.name for c in self._panel_cast(panel_id, cast) if c.artifact is None]
        if missing:
            no_sheet = f"no reference sheet yet for {', '.join(missing)}: render the characters first"
            self._finish_render("panel_renders", panel_id, None, no_sheet)
        return bool(missing)

    def _panel_cast(self, panel_id: UUID, cast: Cast) -> list[Character]:
        """The characters the panel names, as they are now."""
        panel = self._panel(panel_id)
        found = [cast.resolve(name) for name in panel.characters] if panel is not None else []
        return [self.state.characters.get(c.id, c) for c in found if c is not None]

    def _panel(self, panel_id: UUID) -> Panel | None:
        return next((p for p in self.state.panels if p.id == panel_id), None)

    def _entity(self, phase: RenderPhase, entity_id: UUID) -> Character | Panel | None:
        return self.state.characters.get(entity_id) if phase == "character_renders" else self._panel(entity_id)

    def _start_render(self, phase: RenderPhase, entity: Character | Panel) -> None:
        entity.render_status, entity.render_error = "rendering", None
        self._touch(Change(kind=RENDERED_KIND[phase], id=str(entity.id), status="rendering"))

    def _finish_render(self, phase: RenderPhase, entity_id: UUID, artifact: Artifact | None, error: str | None) -> None:
        """Apply a render's outcome to the entity as it is now (an edit may have changed or removed it)."""
        self._queued.discard(entity_id)
        if artifact is not None:  # generated (and paid for) even when the entity is gone by now
            self.state.usage.add_image(artifact.model)
        entity = self._entity(phase, entity_id)
        changes = []
        if entity is not None and (artifact is not None or error is not None):
            if artifact is not None:
                if entity.artifact is not None:
                    entity.history.append(entity.artifact)
                entity.artifact, entity.render_status, entity.render_error = artifact, "completed", None
            else:
                entity.render_status, entity.render_error = "error", error
            changes.append(Change(kind=RENDERED_KIND[phase], id=str(entity_id), status=entity.render_status))
        self._refresh_render_phase(phase)
        self._touch(*changes, self._phase_change(phase))
        if phase == "panel_renders" and artifact is not None:
            self._want_pages()

    # ---- pages --------------------------------------------------------------------------------------------------

    def _want_pages(self) -> None:
        """What pages are made of changed: compose the pages that made stale, once no panel is rendering.

        (Patched: runs recorded before pages were a phase composed none, and must replay as they ran.)
        """
        if not workflow.patched("pages-phase"):
            return
        # The phase's progress now, in the change that caused it: an edit's answer then carries the latest version
        # (a refresh later would bump it, and the editor's next edit would be refused as stale). Not per render of
        # a bulk render: planning a long comic takes milliseconds, and the job plans once the renders are done.
        if not self._composing and not self._panels_busy():
            self._refresh_pages_phase(plan_pages(self.state.panels, self.title, self.state.layout))
        self._pages_wanted = True
        if not self._pages_job:
            self._pages_job = True
            self._spawn(self._keep_pages_composed())

    async def _keep_pages_composed(self) -> None:
        try:
            while self._pages_wanted:
                # Pages composed while panels render would be stale moments later: one composition after them.
                await workflow.wait_condition(lambda: not self._panels_busy())
                self._pages_wanted = False
                await self._compose_pages(interactive=False)
        finally:
            self._pages_job = False

    def _panels_busy(self) -> bool:
        return self.state.phases.panels.status == "running" or any(p.id in self._queued for p in self.state.panels)

    def _unrendered_panels(self) -> list[int]:
        return [p.index + 1 for p in self.state.panels if p.artifact is None]

    def _refresh_pages_phase(self, plans: list[PagePlan]) -> None:
        """Derive the pages phase from the plan and the stored pages (touching the state only if it changed)."""
        total = len(plans)
        done = total - len(stale(plans, self.state.pages))
        error = None
        if self._composing:
            status: PhaseStatus = "running"
        elif self._pages_error is not None:
            status, error = "error", self._pages_error
        elif total and done == total:
            status = "completed"
        else:
            status = "idle"
        phase = PhaseState(status=status, error=error, done=done, total=total)
        if phase != self.state.phases.pages:
            self.state.phases.pages = phase
            self._touch(self._phase_change("pages"))

    async def _compose_pages(self, interactive: bool) -> str | None:
        """Compose the pages whose inputs changed (one composition at a time); why not, if panels lack art."""
        await workflow.wait_condition(lambda: not self._composing)
        plans = plan_pages(self.state.panels, self.title, self.state.layout)
        missing = self._unrendered_panels()
        if missing:
            self._refresh_pages_phase(plans)
            return f"Panels {_numbers(missing)} have no render yet: render them first (render-all-panels)"
        todo = stale(plans, self.state.pages)
        if not todo and len(self.state.pages) == len(plans):
            self._refresh_pages_phase(plans)
            return None
        pages = {p.index: p for p in self.state.pages}
        ids = [pages[plan.index].id if plan.index in pages else workflow.uuid4() for plan in plans]
        self._composing, self._pages_error = True, None
        self._refresh_pages_phase(plans)
        composed: list[Page] = []
        try:
            if todo:
                result = await workflow.execute_activity_method(
                    PageActivities.compose_pages,
                    ComposePagesInput(
                        project_id=self.params.project_id,
                        pages=[PageJob(page_id=ids[plan.index], plan=plan) for plan in todo],
                    ),
                    task_queue=self.params.image_task_queue,
                    start_to_close_timeout=policies.PAGES_TIMEOUT,
                    heartbeat_timeout=timedelta(seconds=self.params.render_heartbeat_seconds),
                    retry_policy=policies.IMAGE_RETRY,
                    priority=self._priority(interactive),
                )
                composed = result.pages
        except ActivityError as e:
            self._pages_error = f"page composition failed: {failure_message(e)}"
        finally:
            self._composing = False
        if self._pages_error is None:
            fresh = {page.index: page for page in composed}
            # A page not composed now was not stale: it is kept as it is.
            self.state.pages = [
                _recomposed(fresh[plan.index], pages.get(plan.index)) if plan.index in fresh else pages[plan.index]
                for plan in plans
            ]
        self._refresh_pages_phase(plans)
        return self._pages_error

    async def _auto_run(self, story: "workflow.ChildWorkflowHandle[Any, StoryOutput]") -> None:
        try:
            if not await self._story_phase(story):
                return
            self._begin(("characters",))
            if not await self._characters_phase():
                return
            await self._render_characters(list(self.state.characters))
            self._begin(("panels",))
            if not await self._panels_phase():
                return
            await self._render_panels([p.id for p in self.state.panels])
        finally:
            self._auto = False

    # ---- persistence --------------------------------------------------------------------------------------------

    async def _persist_loop(self) -> None:
        """Write the latest state whenever it changed, one write at a time and in order (changes coalesce)."""
        while True:
            await workflow.wait_condition(lambda: self._dirty)
            self._dirty, self._persisting = False, True
            document = self.state.model_dump(mode="json")
            version, title = self.version, self.title
            changes, self._changes = self._changes, []
            try:
                await workflow.execute_activity_method(
                    PersistenceActivities.persist_state,
                    PersistInput(
                        project_id=self.params.project_id,
                        expected_version=self.persisted_version,
                        version=version,
                        patch=state_diff(self._persisted_doc, document),
                        title=title if title != self._persisted_title else None,
                        changes=changes,
                    ),
                    start_to_close_timeout=policies.PERSIST_TIMEOUT,
                    retry_policy=policies.PERSIST_RETRY,
                )
            except ActivityError as e:
                self._persisting = False
                if isinstance(e.cause, ApplicationError) and e.cause.type == PROJECT_MISSING:
                    self._gone = True
                    return
                # A write that can never land as it is: shown on the status, tried again with the next change.
                # (The database merely being away is retried inside the activity, forever.)
                self.persist_error = f"could not store the project: {failure_message(e)}"
                workflow.logger.error(self.persist_error)
                continue
            self._persisted_doc, self._persisted_title, self.persisted_version = document, title, version
            self.persist_error = None
            self._persisting = False
