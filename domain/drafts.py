"""What an LLM produces before the workflow gives it ids and render state (also the structured-output schemas)."""

from pydantic import Field

from domain.base import StrictModel
from domain.character import CharacterRole, CharacterType


class CharacterProfile(StrictModel):
    """A character as extracted from the story."""

    name: str = Field(min_length=1, max_length=120)
    brief: str = Field(default="", description="One or two sentences: who they are in this story")
    character_type: CharacterType = "humanoid"
    era: str = Field(default="", description="Period or setting they belong to")
    visual_form: str = Field(default="", description="Body, build, clothing or shape")
    color_palette: list[str] = Field(default_factory=list, description="3-5 colours, hex (#rrggbb) or names")
    distinctive_markers: list[str] = Field(default_factory=list, description="Features that make them recognisable")
    demeanor: str = ""
    role: CharacterRole = "supporting"


class PanelDraft(StrictModel):
    """A panel as broken out of the story."""

    background: str = Field(min_length=1, description="Scene: place, time of day, mood, action")
    characters: list[str] = Field(default_factory=list, description="Names from the cast list only")
    dialogue: str = Field(default="", description="Speech or caption shown in the panel")
    caption: str = Field(default="", description="Narration for the panel's caption box (not speech)")


class TokenUsage(StrictModel):
    """Tokens one LLM call consumed."""

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
