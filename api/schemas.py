"""Request and response bodies of the REST API."""

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from domain import limits
from domain.character import RenderStatus
from domain.edits import StateEdit
from domain.page import PageStatus
from domain.state import ConsolidatedComicState, Phases
from domain.story import StoryStatus
from domain.style import DEFAULT_STYLE, Style
from domain.usage import UsageReport
from domain.user_input import UserInput


class ProjectCreate(UserInput):
    """Body of `POST /projects`."""

    title: str = Field(min_length=1, max_length=limits.TITLE_MAX)
    prompt: str = Field(default="", max_length=limits.PROMPT_MAX, description="Optional story prompt to start from")
    style: Style = Field(default=DEFAULT_STYLE, description="Art style preset of every sheet and panel")


class ProjectUpdate(UserInput):
    """Body of `PATCH /projects/{id}`: the version the change is based on, plus what to change."""

    version: int = Field(ge=1, description="The project's version this edit is based on; stale gives 409")
    title: str | None = Field(default=None, min_length=1, max_length=limits.TITLE_MAX)
    state: StateEdit | None = Field(
        default=None, description="The content to change; pipeline-owned fields may only be echoed unchanged"
    )


class ProjectSummary(BaseModel):
    """A project in a listing (no full state)."""

    id: UUID
    title: str
    version: int
    phases: Phases
    created_at: datetime
    updated_at: datetime


class ProjectOut(ProjectSummary):
    """A project with its full state (artifacts carrying signed URLs) and its priced usage."""

    state: ConsolidatedComicState
    usage: UsageReport = Field(
        description="LLM tokens and image generations by model, with the estimated cost (from `state.usage`)"
    )


class ProjectCost(BaseModel):
    """One project's share of a user's usage."""

    id: UUID
    title: str
    prompt_tokens: int
    completion_tokens: int
    images: int
    cost: float


class UserUsage(UsageReport):
    """A user's usage over all their projects: by model and in total, and per project (newest first)."""

    user_id: str
    projects: list[ProjectCost]


class ProjectPage(BaseModel):
    """One page of the caller's projects."""

    items: list[ProjectSummary]
    total: int
    limit: int
    offset: int


class EntityStatus(BaseModel):
    """Render progress of one character or panel."""

    id: UUID
    name: str
    render_status: RenderStatus
    render_error: str | None
    url: str | None = Field(description="Signed, expiring URL of the current render")


class PageProgress(BaseModel):
    """Composition progress of one page, as the comic is laid out now."""

    id: UUID | None = Field(description="The stored page's id; null for a page never composed yet")
    number: int = Field(ge=1)
    status: PageStatus = Field(
        description=(
            "completed: its image is composed from the panels as they are now (or is the version picked by "
            "`current_key` since they last changed); composing: being composed again; "
            "pending: waiting for its panels' art or for composition to start; error: the composition failed"
        )
    )
    error: str | None
    panel_ids: list[UUID] = Field(description="The panels on the page, in reading order")
    url: str | None = Field(
        description="Signed, expiring URL of the current image (an outdated one while not completed)"
    )


class ProjectStatus(BaseModel):
    """What a frontend polls: versions, phases and per-entity progress (the full state is `GET /projects/{id}`)."""

    project_id: UUID
    version: int
    persisted_version: int
    workflow_running: bool
    busy: bool
    auto_running: bool
    persist_error: str | None = Field(default=None, description="Why the latest change could not be stored, if so")
    story_status: StoryStatus
    story_error: str | None
    phases: Phases
    characters: list[EntityStatus]
    panels: list[EntityStatus]
    pages: list[PageProgress] = Field(description="Each page the panels are laid out on, in order")


class ErrorOut(BaseModel):
    """Every error answer: a one-line message, and the structured errors of a request that failed validation."""

    detail: str
    errors: list[dict[str, Any]] = Field(default_factory=list, description="Per-field errors (422 only)")
