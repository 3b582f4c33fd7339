"""The image interface every renderer implements (offline Pillow renderer, fal.ai)."""

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style


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
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """What the renderer knows about the picture, kept on the Artifact (JSON): see domain.artifact.Artifact.metadata."""


class ImageProvider(Protocol):
    """Renders character reference sheets and panels."""

    name: str

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        """A reference sheet for `character` (type-aware layout; generation model)."""
        ...

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        """The panel: edit model compositing `references` into the scene, or generation model when there are none."""
        ...


def _forget(_: dict[str, Any]) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class RenderJournal:
    """Notes a render keeps across attempts of one render request, so a paid request is never paid for twice.

    A provider that pays per request notes it (`note`) as soon as it is submitted; a later attempt, perhaps in
    another process, gets the last note back as `earlier` and resumes that request instead of submitting again.
    The caller decides where notes live (the render activities: Temporal heartbeat details); notes are JSON.
    `resumable` tells a provider whose render is being cancelled whether another attempt will resume it: then the
    request is left running for that attempt instead of being cancelled (and paid for again).
    """

    earlier: Mapping[str, Any] | None = None
    note: Callable[[dict[str, Any]], None] = _forget
    resumable: Callable[[], bool] = _never


# Set by the caller around one render call. Ambient rather than a parameter, so ImageProvider keeps its shape and
# providers that pay nothing per request (the offline renderer, test wrappers) need not know about it.
NO_JOURNAL: Final = RenderJournal()
render_journal: ContextVar[RenderJournal] = ContextVar("render_journal", default=NO_JOURNAL)
