"""The LLM interface every storyteller implements (offline, OpenAI)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from domain.drafts import CharacterProfile, PanelDraft, TokenUsage

OnDelta = Callable[[str], Awaitable[None]]
T = TypeVar("T")


@dataclass
class StoryResult:
    text: str
    finish_reason: str = "stop"
    usage: TokenUsage = field(default_factory=TokenUsage)


@dataclass
class Extraction(Generic[T]):
    """A structured LLM answer and what it cost."""

    items: list[T]
    usage: TokenUsage = field(default_factory=TokenUsage)


class LLMProvider(Protocol):
    """Writes stories and breaks them into characters and panels."""

    name: str

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        """Write a hero's-journey story for `prompt`, awaiting `on_delta(text)` for each piece as it is produced."""
        ...

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        """Everyone who appears in `story` with a role in it, described so a sheet can be drawn of them."""
        ...

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        """Break `story` into panels whose `characters` are drawn only from `cast`."""
        ...


def model_of(llm: LLMProvider) -> str:
    """The model usage is recorded (and priced) under: the provider's `model` if it has one (OpenAI), else its name."""
    model = getattr(llm, "model", None)
    return model if isinstance(model, str) and model else llm.name
