"""A member of the comic's cast."""

from typing import Literal
from uuid import UUID

from pydantic import Field

from domain.artifact import Artifact
from domain.base import StrictModel

CharacterType = Literal["humanoid", "creature", "concept", "object"]
CharacterRole = Literal["protagonist", "antagonist", "supporting", "minor"]
RenderStatus = Literal["pending", "rendering", "completed", "error"]


class Character(StrictModel):
    """A character profile and its reference sheet."""

    id: UUID
    name: str = Field(min_length=1, max_length=120)
    brief: str = ""
    character_type: CharacterType = "humanoid"
    era: str = ""
    visual_form: str = ""
    color_palette: list[str] = Field(default_factory=list)
    distinctive_markers: list[str] = Field(default_factory=list)
    demeanor: str = ""
    role: CharacterRole = "supporting"
    render_status: RenderStatus = "pending"
    render_error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] = Field(default_factory=list, description="Earlier renders, oldest first")
