"""The workflows' names, ids, inputs and messages: what the API sends, the workflows answer and a child signals."""

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.activities import ExportFormat, StoredProject, StoryOutput
from domain import limits
from domain.edits import StateEdit
from domain.state import ConsolidatedComicState, PhaseName, PhaseState
from domain.user_input import UserInput

# The workflow types and message names: the workflows register under them and the API calls by them, so the API
# never imports a workflow's module.
COMIC_WORKFLOW = "ComicWorkflow"
STORY_WORKFLOW = "StoryWorkflow"
DELETION_WORKFLOW = "ProjectDeletionWorkflow"
PING_WORKFLOW = "PingWorkflow"

# The ComicWorkflow's Query, its Updates and the signal its story child sends.
SNAPSHOT = "snapshot"
GENERATE_STORY = "generate_story"
EXTRACT_CHARACTERS = "extract_characters"
RENDER_CHARACTER = "render_character"
RENDER_ALL_CHARACTERS = "render_all_characters"
GENERATE_PANELS = "generate_panels"
RENDER_PANEL = "render_panel"
RENDER_ALL_PANELS = "render_all_panels"
COMPOSE_PAGES = "compose_pages"
RUN_AUTO = "run_auto"
RESTORE = "restore"
EXPORT = "export"
EDIT = "edit"
STORY_FINISHED = "story_finished"
# The deletion workflow's Update: answered once the project's row is gone.
WAIT_ROW_DELETED = "wait_row_deleted"

# Workflow Stream topics of a StoryWorkflow: text deltas, and control items (attempt markers, done, error).
DELTA_TOPIC = "delta"
CONTROL_TOPIC = "control"


def workflow_id(project_id: UUID) -> str:
    """One ComicWorkflow per project: the id is derived, so update-with-start finds a running one or starts it."""
    return f"comic-{project_id}"


def story_workflow_id(project_id: UUID, run: int) -> str:
    """The id of the StoryWorkflow hosting the `run`-th story generation's stream."""
    return f"comic-{project_id}-story-{run}"


def deletion_workflow_id(project_id: UUID) -> str:
    """Derived like the ComicWorkflow's, so a repeated DELETE joins the deletion already under way."""
    return f"comic-{project_id}-delete"


# A render in flight when its run was stopped may still store a file until its next heartbeat (a few seconds, at
# most the heartbeat timeout) tells it the run is gone: the second media sweep waits that long plus this.
STRAGGLER_MARGIN_SECONDS = 10.0


class DeletionInput(BaseModel):
    project_id: UUID
    straggler_window_seconds: float = Field(ge=0, description="Wait before the second media sweep")


class StoryFinished(BaseModel):
    """Signal from a StoryWorkflow to its parent: the finished story, before the child lingers and closes."""

    workflow_id: str
    output: StoryOutput


class StoryStreamInput(BaseModel):
    project_id: UUID
    prompt: str
    llm_task_queue: str


class ComicInput(BaseModel):
    """Input of a ComicWorkflow run: the project's id (the run reads the row itself) and the deployment's limits."""

    project_id: UUID
    start: StoredProject | None = Field(
        default=None, description="Set by continue-as-new only; else loaded from the row"
    )
    llm_task_queue: str
    image_task_queue: str
    render_fanout: int = Field(default=100, ge=1)
    fairness: bool = Field(default=True, description="Give LLM and image work the owner as fairness key")
    fairness_weight: float = Field(default=1.0, gt=0, description="The owner's share under fairness")
    idle_timeout_seconds: float = Field(default=3600, gt=0, description="Close the run after this long idle")
    render_heartbeat_seconds: float = Field(default=30, gt=0, description="Heartbeat timeout of a render attempt")
    continue_as_new_after_events: int | None = Field(
        default=None, description="Continue-as-new past this history length (else when Temporal suggests it)"
    )


REPLACE_DESCRIPTION = "Go ahead even if it replaces existing results (they are kept in `previous`)"


class PhaseRequest(UserInput):
    """Options of a phase that regenerates existing content."""

    replace: bool = Field(default=False, description=REPLACE_DESCRIPTION)


class StoryRequest(PhaseRequest):
    """Start (or redo) the story; `prompt` replaces the project's prompt when given."""

    prompt: str | None = Field(default=None, max_length=limits.PROMPT_MAX)


class ExportRequest(UserInput):
    """Export the finished comic."""

    format: ExportFormat = Field(default="pdf", description="pdf (one comic page per PDF page), cbz, png (a zip)")


class RestoreRequest(UserInput):
    """Put back content a phase replaced (an entry of the state's `previous`)."""

    previous_id: UUID


class CharacterRef(UserInput):
    """Which character."""

    character_id: UUID


class RenderCharacterRequest(CharacterRef):
    """Render a character's sheet, and with `cascade` the panels that show the character after it."""

    cascade: bool = Field(
        default=False,
        description="Once the new sheet is stored, re-render every panel showing the character (from the new sheet)",
    )


class PanelRef(UserInput):
    """Which panel."""

    panel_id: UUID


class EditRequest(BaseModel):
    """A user's edit of title and/or state, based on `version`."""

    version: int
    title: str | None = None
    state: StateEdit | None = None


AcceptedPhase = Literal[PhaseName, "auto", "restore"]


class PhaseAccepted(BaseModel):
    """An accepted phase request: what started and where the project stands."""

    phase: AcceptedPhase
    status: PhaseState
    version: int
    message: str
    story_stream: str | None = Field(default=None, description="Workflow id of the story's token stream, if started")
    panels_showing: list[UUID] = Field(
        default_factory=list,
        description=(
            "render-character: the panels that show the character (re-rendered after the sheet with `cascade`, "
            "else listed so a client can offer it)"
        ),
    )


class Snapshot(BaseModel):
    """The workflow's view of the project."""

    project_id: UUID
    owner_id: str
    title: str
    version: int
    persisted_version: int
    busy: bool
    auto_running: bool
    persist_error: str | None = Field(default=None, description="Why the latest state could not be stored, if so")
    state: ConsolidatedComicState
