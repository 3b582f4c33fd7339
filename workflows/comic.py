"""ComicWorkflow: one long-lived entity workflow per project, the single writer of its state while it runs.

Phases are requested through Updates (validators give the REST layer an immediate accept or a typed reject),
run as activities on the LLM and image task queues, and every state change is persisted to PostgreSQL (the read
model) by a single persister loop sending JSON merge patches. The run closes itself after a quiet period and
continues-as-new when its history grows; the next request starts it again from the stored state.

The state transitions themselves are in `workflows.progress`, the validators' checks in `workflows.guards`; this
module orders them, calls the activities and answers the messages.

No lock guards the state: a workflow runs one coroutine at a time and switches only at an `await`, and every
handler checks (its validator, run again by `_admit`) and changes the state before its first `await`, so no other
handler or job ever sees a check passed but its change not yet made.
"""

import asyncio
import builtins
import functools
import typing
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any, TypeVar
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
    from comics.pages import PLANNER, PagePlan, stale
    from contracts import workflows as names
    from contracts.activities import (
        Change,
        CharactersInput,
        ComposePagesInput,
        ExportInput,
        PanelsInput,
        RenderCharacterInput,
        RenderPanelInput,
        SheetRef,
        StoredProject,
        StoryOutput,
    )
    from contracts.errors import REJECT_CONFLICT, REJECT_NOT_FOUND, REJECT_UNAVAILABLE
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
    from domain.page import Page
    from domain.panel import Panel
    from domain.state import ConsolidatedComicState, PhaseName
    from workflows import guards, policies, progress
    from workflows.failures import failure_message
    from workflows.guards import Refused
    from workflows.persister import Persister
    from workflows.progress import RenderPhase
    from workflows.story import StoryWorkflow

# Temporal priority keys: lower runs first (1 highest, 5 lowest; 3 is the default).
INTERACTIVE, BULK = 1, 3
EXPORT_SUMMARY_CHARS = 1000

Validator = TypeVar("Validator", bound=Callable[..., None])
In = TypeVar("In")
Out = TypeVar("Out")
StoryHandle = workflow.ChildWorkflowHandle[Any, StoryOutput]


def reject(message: str, kind: str = REJECT_CONFLICT) -> ApplicationError:
    """A validator's refusal, typed so the API can choose the HTTP status."""
    return ApplicationError(message, type=kind, non_retryable=True)


def _validator(check: Validator) -> Validator:
    """An Update validator: its `Refused` as a typed rejection, and no check before the project is loaded."""

    @functools.wraps(check)
    def validate(self: "ComicWorkflow", *args: Any, **kwargs: Any) -> None:
        if not self._loaded:
            return  # arrived with the start: the handler checks (in `_admit`) once the project is loaded
        try:
            check(self, *args, **kwargs)
        except Refused as e:
            raise reject(str(e), e.kind) from None

    return typing.cast(Validator, validate)


def _replace(request: PhaseRequest | None) -> bool:
    return request is not None and request.replace


def planner_in_effect() -> int:
    """PLANNER, but 1 in a run recorded before planner 2 was (so it replays as it ran).

    Records a patch marker the first time: for the run's own code, not for a query or an update validator.
    """
    return PLANNER if workflow.patched("pages-planner-2") else 1


@workflow.defn(name=names.COMIC_WORKFLOW)
class ComicWorkflow:
    """A project's pipeline: story, characters, character sheets, panels, panel renders, pages."""

    @workflow.init
    def __init__(self, params: ComicInput) -> None:
        self.params = params
        self.title = ""
        self.owner_id = ""
        self.state = ConsolidatedComicState()
        self._store = Persister(params.project_id, lambda: (self.state, self.title), self._project_missing)
        self._loaded = False
        self._jobs: set[asyncio.Task[None]] = set()
        self._crash: BaseException | None = None
        self._slots = asyncio.Semaphore(params.render_fanout)
        self._queued: set[UUID] = set()  # characters and panels whose render is queued or running
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

    # ---- run loop -------------------------------------------------------------------------------------------

    @workflow.run
    async def run(self, params: ComicInput) -> str:
        """Serve requests until idle for `idle_timeout_seconds` (then close) or history is long (continue-as-new)."""
        if not self._loaded:
            await self._load()
        # The only writer of the row, in a task of its own: writes go one at a time and in order, never blocking a
        # handler (a handler that needs its change stored, as an edit does, waits for the persisted version).
        persister = asyncio.create_task(self._store.run())
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
                # Handlers still answering finish on this run: continuing as new would drop their answers.
                await workflow.wait_condition(workflow.all_handlers_finished)
                if self._gone:
                    return "project deleted"
                if self._idle():
                    workflow.continue_as_new(self._carry_over())
        finally:
            persister.cancel()

    async def _auto_run(self, story: StoryHandle) -> None:
        """The whole pipeline, each phase on what the one before made."""
        try:
            if not await self._story_phase(story):
                return
            self._touch(*progress.begin(self.state, "characters"))
            if not await self._characters_phase():
                return
            await self._render_all("character_renders", list(self.state.characters))
            self._touch(*progress.begin(self.state, "panels"))
            if not await self._panels_phase():
                return
            await self._render_all("panel_renders", [p.id for p in self.state.panels])
        finally:
            self._auto = False

    # ---- queries and updates, in the pipeline's order ----------------------------------------------------------

    @workflow.query(name=names.SNAPSHOT)
    def snapshot(self) -> Snapshot:
        """Title, version, persisted version and full state."""
        return self._snapshot()

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
    @_validator
    def _validate_auto(self, request: StoryRequest) -> None:
        guards.ensure_quiet(self.state, self._auto, self._queued)
        guards.prompt_of(self.state, request.prompt)
        guards.require_consent(self.state, request.replace, "story", "characters", "panels")

    @workflow.update(name=names.GENERATE_STORY)
    async def generate_story(self, request: StoryRequest) -> PhaseAccepted:
        """Start writing the story (replaces any previous story); answers once its stream exists."""
        await self._admit(self._validate_story, request)
        story = await self._start_story(self._prompt_of(request))
        self._spawn(self._story_phase(story))
        return self._accepted("story", "Story generation started", story.id)

    @generate_story.validator
    @_validator
    def _validate_story(self, request: StoryRequest) -> None:
        guards.ensure_free(self.state, self._auto, "story")
        guards.prompt_of(self.state, request.prompt)
        guards.require_consent(self.state, request.replace, "story")

    @workflow.signal(name=names.STORY_FINISHED)
    def story_finished(self, finished: StoryFinished) -> None:
        """The story child's result, sent before it lingers for its stream's last readers."""
        self._finished_stories[finished.workflow_id] = finished.output

    @workflow.update(name=names.EXTRACT_CHARACTERS)
    async def extract_characters(self, request: PhaseRequest | None = None) -> PhaseAccepted:
        """Start extracting the cast from the story (an existing cast is replaced only with `replace`)."""
        await self._admit(self._validate_characters, request)
        return self._launch("characters", self._characters_phase(), "Character extraction started")

    @extract_characters.validator
    @_validator
    def _validate_characters(self, request: PhaseRequest | None = None) -> None:
        guards.ensure_free(self.state, self._auto, "characters", "character_renders", "panels")
        guards.require_story(self.state)
        guards.require_consent(self.state, _replace(request), "characters")

    @workflow.update(name=names.RENDER_CHARACTER)
    async def render_character(self, request: RenderCharacterRequest) -> PhaseAccepted:
        """Render one character's reference sheet (the previous one moves to its history); with `cascade`, then
        the panels showing the character, from the new sheet."""
        await self._admit(self._validate_render_character, request)
        showing = progress.panels_showing(self.state, request.character_id)
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
    @_validator
    def _validate_render_character(self, request: RenderCharacterRequest) -> None:
        guards.ensure_free(self.state, self._auto, "characters", *(("panels",) if request.cascade else ()))
        guards.require_character(self.state, request.character_id, self._queued)

    @workflow.update(name=names.RENDER_ALL_CHARACTERS)
    async def render_all_characters(self) -> PhaseAccepted:
        """Render every character's sheet not already being rendered, a bounded number at a time."""
        await self._admit(self._validate_render_all_characters)
        ids = [i for i in self.state.characters if i not in self._queued]
        self._spawn(self._render_all("character_renders", ids))
        return self._accepted("character_renders", f"Rendering {len(ids)} characters")

    @render_all_characters.validator
    @_validator
    def _validate_render_all_characters(self) -> None:
        guards.ensure_free(self.state, self._auto, "characters")
        guards.require_characters(self.state)
        if not self.state.characters:
            raise Refused("The cast is empty: there is nothing to render")
        if all(i in self._queued for i in self.state.characters):
            raise Refused("Every character is already being rendered")

    @workflow.update(name=names.GENERATE_PANELS)
    async def generate_panels(self, request: PhaseRequest | None = None) -> PhaseAccepted:
        """Start breaking the story into panels (existing panels are replaced only with `replace`)."""
        await self._admit(self._validate_panels, request)
        return self._launch("panels", self._panels_phase(), "Panel generation started")

    @generate_panels.validator
    @_validator
    def _validate_panels(self, request: PhaseRequest | None = None) -> None:
        guards.ensure_free(self.state, self._auto, "characters", "panels", "panel_renders")
        guards.require_characters(self.state)
        guards.require_consent(self.state, _replace(request), "panels")

    @workflow.update(name=names.RENDER_PANEL)
    async def render_panel(self, request: PanelRef) -> PhaseAccepted:
        """Render one panel (the previous render moves to its history)."""
        await self._admit(self._validate_render_panel, request)
        self._queue_renders("panel_renders", [request.panel_id])
        self._spawn(self._render_panel(request.panel_id))
        return self._accepted("panel_renders", "Panel render started")

    @render_panel.validator
    @_validator
    def _validate_render_panel(self, request: PanelRef) -> None:
        guards.ensure_free(self.state, self._auto, "panels")
        guards.require_panel(self.state, request.panel_id, self._queued)

    @workflow.update(name=names.RENDER_ALL_PANELS)
    async def render_all_panels(self) -> PhaseAccepted:
        """Render every panel not already being rendered, a bounded number at a time, each persisted as it lands."""
        await self._admit(self._validate_render_all_panels)
        ids = [p.id for p in self.state.panels if p.id not in self._queued]
        self._spawn(self._render_all("panel_renders", ids))
        return self._accepted("panel_renders", f"Rendering {len(ids)} panels")

    @render_all_panels.validator
    @_validator
    def _validate_render_all_panels(self) -> None:
        guards.ensure_free(self.state, self._auto, "panels")
        guards.require_panels(self.state)
        if all(p.id in self._queued for p in self.state.panels):
            raise Refused("Every panel is already being rendered")

    @workflow.update(name=names.COMPOSE_PAGES)
    async def compose_pages(self) -> PhaseAccepted:
        """Compose the pages whose panels, lettering, layout or title changed (the others are kept)."""
        await self._admit(self._validate_compose_pages)
        plans = self._plan()
        if progress.pages_current(self.state, plans):
            return self._accepted("pages", f"All {len(plans)} pages are up to date")
        todo = stale(plans, self.state.pages)
        self._want_pages()
        return self._accepted("pages", f"Composing {len(todo)} of {len(plans)} pages")

    @compose_pages.validator
    @_validator
    def _validate_compose_pages(self) -> None:
        guards.ensure_free(self.state, self._auto, "panels", "pages")
        guards.require_rendered_panels(self.state, self._queued, "compose pages")

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
    @_validator
    def _validate_export(self, request: ExportRequest) -> None:
        guards.require_rendered_panels(self.state, self._queued, "export")

    @workflow.update(name=names.RESTORE)
    async def restore(self, request: RestoreRequest) -> PhaseAccepted:
        """Put back a story, cast or set of panels a phase replaced; what it replaces is kept in turn."""
        await self._admit(self._validate_restore, request)
        kind, changes = progress.restore_previous(
            self.state, request.previous_id, workflow.uuid4, workflow.now(), self._queued
        )
        self._touch(*changes)
        self._want_pages()
        return self._accepted("restore", f"Restored the previous {kind}")

    @restore.validator
    @_validator
    def _validate_restore(self, request: RestoreRequest) -> None:
        guards.ensure_quiet(self.state, self._auto, self._queued)
        if all(p.id != request.previous_id for p in self.state.previous):
            raise Refused(f"Nothing replaced is kept under {request.previous_id}", REJECT_NOT_FOUND)

    @workflow.update(name=names.EDIT)
    async def edit(self, request: EditRequest) -> Snapshot:
        """Apply a user's edit (title and/or state) made against the current version; returns once persisted."""
        await self._admit(self._validate_edit, request)
        if request.title is not None:
            self.title = request.title
        if request.state is not None:
            self.state = progress.apply_user_edit(self.state, request.state, workflow.uuid4, self._queued)
        self._touch(Change(kind="project"))
        self._want_pages()  # a caption, dialogue, order, emphasis, layout or title changed: re-letter, not re-render
        target = self.version
        stored = self._store
        await workflow.wait_condition(lambda: stored.persisted_version >= target or self._gone or stored.write_failed())
        if stored.persisted_version < target:
            raise reject(stored.error or "The project was deleted", REJECT_UNAVAILABLE)
        return self._snapshot()

    @edit.validator
    @_validator
    def _validate_edit(self, request: EditRequest) -> None:
        guards.check_edit(self.state, self.version, self._auto, request)

    # ---- story, characters, panels ------------------------------------------------------------------------------

    async def _start_story(self, prompt: str) -> StoryHandle:
        """Mark the story as streaming and start the StoryWorkflow that hosts its token stream."""
        self._touch(*progress.start_story(self.state, prompt, workflow.uuid4, workflow.now()))
        try:
            return await workflow.start_child_workflow(
                StoryWorkflow.run,
                StoryStreamInput(
                    project_id=self.params.project_id, prompt=prompt, llm_task_queue=self.params.llm_task_queue
                ),
                id=story_workflow_id(self.params.project_id, self.state.story.run),
                task_queue=workflow.info().task_queue,
                priority=self._priority(interactive=True),  # its story activity inherits it
            )
        except Exception as e:
            self._touch(*progress.fail_story(self.state, f"could not start the story stream: {e}"))
            raise reject(f"Could not start the story: {e}") from e

    async def _story_phase(self, story: StoryHandle) -> bool:
        # The child's early signal carries the result; its completion (after the linger) is the fallback and
        # the only way a failure arrives.
        completion = asyncio.ensure_future(story)
        await workflow.wait_condition(lambda: story.id in self._finished_stories or completion.done())
        try:
            result = self._finished_stories.pop(story.id, None) or await completion
        except ChildWorkflowError as e:
            self._touch(*progress.fail_story(self.state, failure_message(e)))
            return False
        self._touch(*progress.finish_story(self.state, result))
        return True

    async def _characters_phase(self) -> bool:
        try:
            result = await self._run_llm(
                CharacterActivities.extract_characters,
                CharactersInput(project_id=self.params.project_id, story=self.state.story.text),
            )
        except ActivityError as e:
            self._touch(*progress.fail(self.state, "characters", failure_message(e)))
            return False
        self._touch(*progress.adopt_characters(self.state, result, workflow.uuid4, workflow.now(), self._queued))
        return True

    async def _panels_phase(self) -> bool:
        cast = Cast(self.state.characters.values())
        try:
            result = await self._run_llm(
                PanelActivities.generate_panels,
                PanelsInput(project_id=self.params.project_id, story=self.state.story.text, cast=cast.names()),
            )
        except ActivityError as e:
            self._touch(*progress.fail(self.state, "panels", failure_message(e)))
            return False
        changes = progress.adopt_panels(
            self.state, result, cast, workflow.uuid4, workflow.now(), self._queued, workflow.logger.warning
        )
        self._touch(*changes)
        self._want_pages()  # the pages of the replaced panels are stale now
        return True

    async def _run_llm(self, activity: Callable[[Any, In], Awaitable[Out]], request: In) -> Out:
        return await workflow.execute_activity_method(
            activity,
            request,
            task_queue=self.params.llm_task_queue,
            start_to_close_timeout=policies.EXTRACTION_TIMEOUT,
            heartbeat_timeout=policies.LLM_HEARTBEAT,
            retry_policy=policies.LLM_RETRY,
            priority=self._priority(interactive=True),
        )

    # ---- renders ------------------------------------------------------------------------------------------------

    def _queue_renders(self, phase: RenderPhase, ids: list[UUID]) -> None:
        self._queued.update(ids)
        progress.refresh_render_phase(self.state, phase, self._queued)
        self._touch(progress.phase_change(self.state, phase))

    async def _render_all(self, phase: RenderPhase, ids: list[UUID]) -> None:
        """A bulk render: the first one as interactive (someone is watching it appear), the rest as bulk."""
        self._queue_renders(phase, ids)
        render = self._render_character if phase == "character_renders" else self._render_panel
        # All at once, bounded by the render slots; each render persists its own outcome as it lands.
        await asyncio.gather(*(render(i, interactive=n == 0) for n, i in enumerate(ids)))

    async def _render_sheet_then_panels(self, character_id: UUID) -> None:
        """A cascade: the sheet, then (if it rendered) the panels showing the character as they are by then."""
        await self._render_character(character_id)
        character = self.state.characters.get(character_id)
        if character is None or character.render_status != "completed":
            return
        # A panel already being rendered is left to that render (it picks up the new sheet if it has not started).
        ids = [i for i in progress.panels_showing(self.state, character_id) if i not in self._queued]
        if ids:
            await self._render_all("panel_renders", ids)

    async def _render_character(self, character_id: UUID, interactive: bool = True) -> None:
        await self._render("character_renders", character_id, interactive)

    async def _render_panel(self, panel_id: UUID, interactive: bool = True) -> None:
        # No placeholder figures: a sheet being rendered is waited for, a sheet nobody renders fails the panel.
        # (Patched: runs recorded before this rendered such panels with stand-ins, and must replay as they ran.)
        if workflow.patched("panels-need-sheets") and await self._without_sheets(panel_id):
            return
        await self._render("panel_renders", panel_id, interactive)

    async def _render(self, phase: RenderPhase, entity_id: UUID, interactive: bool) -> None:
        # At most `render_fanout` renders of this project at once; the rest wait here, still queued.
        async with self._slots:
            # Looked up once a slot is free, not when queued: an edit meanwhile may have changed or removed it.
            entity = progress.rendered(self.state, phase, entity_id)
            if entity is None:  # removed by an edit while queued
                self._finish_render(phase, entity_id, None, None)
                return
            self._touch(progress.start_render(phase, entity))
            if isinstance(entity, Character):
                rendering = self._run_render(
                    CharacterRenderActivities.render_character, self._sheet_request(entity), interactive
                )
            else:
                rendering = self._run_render(
                    PanelRenderActivities.render_panel, self._panel_request(entity), interactive
                )
            artifact, error = await rendering
        self._finish_render(phase, entity_id, artifact, error)

    def _sheet_request(self, character: Character) -> RenderCharacterInput:
        return RenderCharacterInput(
            project_id=self.params.project_id,
            render_id=workflow.uuid4(),
            character=character.model_copy(update={"history": []}),
            style=self.state.style,
        )

    def _panel_request(self, panel: Panel) -> RenderPanelInput:
        # Resolved now, not when queued, so sheets rendered meanwhile are used.
        references = Cast(self.state.characters.values()).references(panel.characters)
        return RenderPanelInput(
            project_id=self.params.project_id,
            render_id=workflow.uuid4(),
            panel=panel.model_copy(update={"history": []}),
            references=[SheetRef(character_id=r.character_id, name=r.name, key=r.key) for r in references],
            style=self.state.style,
        )

    async def _run_render(
        self, activity: Callable[[Any, In], Awaitable[Artifact]], request: In, interactive: bool
    ) -> tuple[Artifact | None, str | None]:
        """The render's artifact, or why it failed."""
        try:
            artifact: Artifact = await workflow.execute_activity_method(
                activity,
                request,
                task_queue=self.params.image_task_queue,
                start_to_close_timeout=policies.RENDER_TIMEOUT,
                heartbeat_timeout=timedelta(seconds=self.params.render_heartbeat_seconds),
                retry_policy=policies.IMAGE_RETRY,
                priority=self._priority(interactive),
            )
        except ActivityError as e:
            return None, failure_message(e)
        return artifact, None

    async def _without_sheets(self, panel_id: UUID) -> bool:
        """Wait for the panel's sheets being rendered; True (and the panel failed) when some are still missing."""
        cast = Cast(self.state.characters.values())
        coming = {
            c.id for c in progress.panel_cast(self.state, panel_id, cast) if c.artifact is None and c.id in self._queued
        }
        if coming:
            await workflow.wait_condition(lambda: not coming & self._queued)
        missing = [c.name for c in progress.panel_cast(self.state, panel_id, cast) if c.artifact is None]
        if missing:
            no_sheet = f"no reference sheet yet for {', '.join(missing)}: render the characters first"
            self._finish_render("panel_renders", panel_id, None, no_sheet)
        return bool(missing)

    def _finish_render(self, phase: RenderPhase, entity_id: UUID, artifact: Artifact | None, error: str | None) -> None:
        self._touch(*progress.finish_render(self.state, phase, entity_id, artifact, error, self._queued))
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
        if not self._composing and not progress.panels_busy(self.state, self._queued):
            self._refresh_pages_phase(self._plan())
        self._pages_wanted = True
        # One job composes for every change; a change while it composes has it compose once more after.
        if not self._pages_job:
            self._pages_job = True
            self._spawn(self._keep_pages_composed())

    async def _keep_pages_composed(self) -> None:
        try:
            while self._pages_wanted:
                # Pages composed while panels render would be stale moments later: one composition after them.
                await workflow.wait_condition(lambda: not progress.panels_busy(self.state, self._queued))
                self._pages_wanted = False
                await self._compose_pages(interactive=False)
        finally:
            self._pages_job = False

    def _plan(self) -> list[PagePlan]:
        # The planner this run started with (a patch marker the first time): a newer one would make every page stale.
        return progress.plan(self.state, self.title, planner_in_effect())

    def _refresh_pages_phase(self, plans: list[PagePlan]) -> None:
        changes = progress.refresh_pages_phase(self.state, plans, self._composing, self._pages_error)
        if changes:
            self._touch(*changes)

    async def _compose_pages(self, interactive: bool) -> str | None:
        """Compose the pages whose inputs changed; why not, if panels lack art."""
        # One composition at a time (the job's and an export's): the second plans on what the first composed.
        await workflow.wait_condition(lambda: not self._composing)
        plans = self._plan()
        unrendered = guards.unrendered_reason(self.state)
        if unrendered is not None or progress.pages_current(self.state, plans):
            self._refresh_pages_phase(plans)
            return unrendered
        composition = progress.Composition.of(self.state, plans, workflow.uuid4)
        self._composing, self._pages_error = True, None
        self._refresh_pages_phase(plans)
        composed: list[Page] = []
        try:
            if composition.todo:
                result = await workflow.execute_activity_method(
                    PageActivities.compose_pages,
                    ComposePagesInput(project_id=self.params.project_id, pages=composition.jobs()),
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
            self.state.pages = composition.pages(composed)
        self._refresh_pages_phase(plans)
        return self._pages_error

    # ---- the run's plumbing -------------------------------------------------------------------------------------

    def _start_from(self, stored: StoredProject) -> None:
        self.title, self.owner_id = stored.title, stored.owner_id
        self.state = stored.state.model_copy(deep=True)
        self._store.start_from(stored.version, self.state, self.title)
        self._loaded = True
        recovered = progress.recover_interrupted(self.state)
        if recovered:
            self._touch(*recovered)

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

    def _prompt_of(self, request: StoryRequest) -> str:
        try:
            return guards.prompt_of(self.state, request.prompt)
        except Refused as e:
            raise reject(str(e), e.kind) from None

    def _launch(self, phase: PhaseName, job: Coroutine[Any, Any, Any], message: str) -> PhaseAccepted:
        """Mark the phase running and start its job; the answer says it started."""
        self._touch(*progress.begin(self.state, phase))
        self._spawn(job)
        return self._accepted(phase, message)

    def _accepted(self, phase: AcceptedPhase, message: str, story_stream: str | None = None) -> PhaseAccepted:
        return PhaseAccepted(
            phase=phase,
            status=getattr(self.state.phases, "story" if phase in ("auto", "restore") else phase),
            version=self.version,
            message=message,
            story_stream=story_stream,
        )

    def _snapshot(self) -> Snapshot:
        return Snapshot(
            project_id=self.params.project_id,
            owner_id=self.owner_id,
            title=self.title,
            version=self.version,
            persisted_version=self._store.persisted_version,
            busy=not self._idle(),
            auto_running=self._auto,
            persist_error=self._store.error,
            state=self.state,
        )

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

    def _spawn(self, job: Coroutine[Any, Any, Any]) -> None:
        """Run a job beside the handlers, so an Update answers once its work has started, not once it is done."""
        task: asyncio.Task[None] = asyncio.create_task(job)
        self._jobs.add(task)
        task.add_done_callback(self._job_done)

    def _job_done(self, task: "asyncio.Task[None]") -> None:
        self._jobs.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # A bug, not a provider failure (those are handled in the jobs): fail the workflow task so it retries.
            self._crash = task.exception()

    @property
    def version(self) -> int:
        """The state's version: one more with every change."""
        return self._store.version

    def _touch(self, *changes: Change) -> None:
        self._store.record(*changes)
        self._last_change = workflow.now()

    def _project_missing(self) -> None:
        self._gone = True

    def _idle(self) -> bool:
        return not self._jobs and not self._store.busy()

    def _history_long(self) -> bool:
        info = workflow.info()
        limit = self.params.continue_as_new_after_events
        return info.is_continue_as_new_suggested() or (limit is not None and info.get_current_history_length() > limit)

    def _carry_over(self) -> ComicInput:
        start = StoredProject(title=self.title, owner_id=self.owner_id, version=self.version, state=self.state)
        return self.params.model_copy(update={"start": start})
