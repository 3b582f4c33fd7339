"""The image interface every renderer implements (offline Pillow renderer, fal.ai)."""

from dataclasses import dataclass
from typing import Protocol

from domain.character import Character
from domain.panel import Panel


@dataclass(frozen=True)
class ReferenceImage:
    """A character's reference sheet (its bytes, from the project's own media store), for the edit model."""

    name: str
    data: bytes


@dataclass(frozen=True)
class RenderedImage:
    """An image a provider produced: its bytes plus provenance."""

    data: bytes
    content_type: str
    width: int
    height: int
    model: str
    provider_request_id: str | None = None


class ImageProvider(Protocol):
    """Renders character reference sheets and panels."""

    name: str

    async def render_character(self, character: Character, prompt: str) -> RenderedImage:
        """A reference sheet for `character` (type-aware layout; generation model)."""
        ...

    async def render_panel(self, panel: Panel, prompt: str, references: list[ReferenceImage]) -> RenderedImage:
        """The panel: edit model compositing `references` into the scene, or generation model when there are none."""
        ...
