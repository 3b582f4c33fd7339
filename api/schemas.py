"""Request and response bodies of the REST API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.state import ConsolidatedComicState, Phases


class ProjectCreate(BaseModel):
    """Body of `POST /projects`."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    prompt: str = Field(default="", max_length=4000, description="Optional story prompt to start from")


class ProjectUpdate(BaseModel):
    """Body of `PATCH /projects/{id}`: the version the change is based on, plus what to change."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The project's version this edit is based on; stale gives 409")
    title: str | None = Field(default=None, min_length=1, max_length=200)
    state: ConsolidatedComicState | None = None


class ProjectSummary(BaseModel):
    """A project in a listing (no full state)."""

    id: UUID
    title: str
    version: int
    phases: Phases
    created_at: datetime
    updated_at: datetime


class ProjectOut(ProjectSummary):
    """A project with its full state."""

    state: ConsolidatedComicState


class ProjectPage(BaseModel):
    """One page of the caller's projects."""

    items: list[ProjectSummary]
    total: int
    limit: int
    offset: int
