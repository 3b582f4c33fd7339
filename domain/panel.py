"""One panel of the comic."""

from uuid import UUID

from pydantic import Field

from domain.artifact import Artifact
from domain.base import StrictModel
from domain.character import RenderStatus
from domain.page import Emphasis


class Panel(StrictModel):
    """A panel description (scene, cast, dialogue) and its render."""

    id: UUID
    index: int = Field(ge=0)
    background: str = ""
    characters: list[str] = Field(default_factory=list, description="Names of cast members in the panel")
    dialogue: str = ""
    caption: str = Field(default="", description="Narration lettered in a caption box (not drawn by the image model)")
    emphasis: Emphasis = Field(
        default="normal", description="How much of a page the panel takes: normal, wide (a row of its own), splash"
    )
    render_status: RenderStatus = "pending"
    render_error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] = Field(default_factory=list, description="Earlier renders, oldest first")
