"""The story phase's state."""

from typing import Literal

from pydantic import Field

from domain.base import StrictModel

StoryStatus = Literal["idle", "streaming", "completed", "error"]


class Story(StrictModel):
    """The prompt, the generated text and where generation stands."""

    prompt: str = ""
    text: str = ""
    status: StoryStatus = "idle"
    error: str | None = None
    finish_reason: str | None = None
    run: int = Field(default=0, ge=0, description="Story generations so far; names the stream of the latest")
