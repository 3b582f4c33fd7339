"""One panel of the comic."""

from uuid import UUID

from pydantic import Field

from domain.artifact import Artifact
from domain.base import StrictModel
from domain.character import RenderStatus


class Panel(StrictModel):
    """A panel description (scene, cast, dialogue) and its render."""

    id: UUID
    index: int = Field(ge=0)
    background: str = ""
    characters: list[str] = Field(default_factory=list, description="Names of cast members in the panel")
    dialogue: str = ""
    render_status: RenderStatus = "pending"
    render_error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] = Field(default_factory=list, description="Earlier renders, oldest first")
