"""The whole comic as one document: what PostgreSQL stores as JSONB and the workflow holds."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import Field, model_validator

from domain.artifact import Artifact
from domain.base import StrictModel
from domain.character import Character
from domain.page import LayoutPreference, Page
from domain.panel import Panel
from domain.story import Story
from domain.style import DEFAULT_STYLE, Style

ROLE_ORDER = ("protagonist", "antagonist", "supporting", "minor")
# The shape of the stored document: 1 had artifact URLs, 2 has media keys. Migrations move stored rows forward.
SCHEMA_VERSION = 2
PhaseName = Literal["story", "characters", "character_renders", "panels", "panel_renders", "pages"]
PhaseStatus = Literal["idle", "running", "completed", "error"]


class PhaseState(StrictModel):
    """Status of one generation phase, with progress for the fan-out phases."""

    status: PhaseStatus = "idle"
    error: str | None = None
    done: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)


class Phases(StrictModel):
    """Per-phase status of the pipeline."""

    story: PhaseState = Field(default_factory=PhaseState)
    characters: PhaseState = Field(default_factory=PhaseState)
    character_renders: PhaseState = Field(default_factory=PhaseState)
    panels: PhaseState = Field(default_factory=PhaseState)
    panel_renders: PhaseState = Field(default_factory=PhaseState)
    pages: PhaseState = Field(default_factory=PhaseState)


class ModelTokens(StrictModel):
    """The LLM calls made with one model and the tokens they consumed."""

    calls: int = Field(default=0, ge=0)
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)


class Usage(StrictModel):
    """What the project's provider calls consumed: LLM tokens (in total and per model), images per model."""

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    llm: dict[str, ModelTokens] = Field(default_factory=dict, description="LLM calls and tokens per model")
    images: dict[str, int] = Field(
        default_factory=dict, description="Image generations (sheets and panels) per model, failed ones not counted"
    )

    def add_llm(self, model: str, prompt_tokens: int, completion_tokens: int) -> None:
        """Count one finished LLM call (its re-asks included in the tokens)."""
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        spent = self.llm.setdefault(model or "unknown", ModelTokens())
        spent.calls += 1
        spent.prompt_tokens += prompt_tokens
        spent.completion_tokens += completion_tokens

    def add_image(self, model: str) -> None:
        """Count one image a provider generated."""
        self.images[model] = self.images.get(model, 0) + 1


ReplacedKind = Literal["story", "characters", "panels"]


class Replaced(StrictModel):
    """Content a phase replaced (asked for with `replace: true`), kept so it can be restored."""

    id: UUID
    kind: ReplacedKind
    replaced_at: datetime
    story: Story | None = None
    characters: dict[UUID, Character] | None = None
    panels: list[Panel] | None = None


class ConsolidatedComicState(StrictModel):
    """Story, cast keyed by id, ordered panels and phase status."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, description="Shape of this document (see migrations)")
    story: Story = Field(default_factory=Story)
    characters: dict[UUID, Character] = Field(default_factory=dict)
    panels: list[Panel] = Field(default_factory=list)
    layout: LayoutPreference = Field(default="grid", description="Page layouts: grid (even rows) or dynamic")
    style: Style = Field(
        default=DEFAULT_STYLE,
        description="Art style preset of every sheet and panel; the user's, changeable until something is rendered",
    )
    pages: list[Page] = Field(default_factory=list, description="Composed pages (set by the pipeline), in order")
    phases: Phases = Field(default_factory=Phases)
    usage: Usage = Field(default_factory=Usage)
    previous: list[Replaced] = Field(
        default_factory=list, description="What phases replaced, oldest first (the latest few), restorable"
    )

    @classmethod
    def from_stored(cls, document: Any) -> Self:
        """A stored document as this code's model, ignoring fields newer code added (read during a rolling upgrade;
        domain.patch keeps them when this code writes)."""
        return cls.model_validate(document, extra="ignore")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for key, character in self.characters.items():
            if key != character.id:
                raise ValueError(f"characters[{key}] holds a character whose id is {character.id}")
        # JSONB does not keep key order: present the cast in a stable, meaningful one (protagonist first).
        ordered = sorted(self.characters.values(), key=lambda c: (ROLE_ORDER.index(c.role), c.name.casefold()))
        self.characters = {c.id: c for c in ordered}
        ids = [p.id for p in self.panels]
        if len(set(ids)) != len(ids):
            raise ValueError("panel ids must be unique")
        indexes = [p.index for p in self.panels]
        if indexes != sorted(set(indexes)):
            raise ValueError("panels must be ordered by index, with no index repeated")
        return self

    def artifacts(self) -> Iterator[Artifact]:
        """Every artifact the state refers to: current renders and pages, their history, and replaced content's."""
        entities: list[Character | Panel | Page] = [*self.characters.values(), *self.panels, *self.pages]
        for replaced in self.previous:
            entities.extend([*(replaced.characters or {}).values(), *(replaced.panels or [])])
        for entity in entities:
            if entity.artifact is not None:
                yield entity.artifact
            yield from entity.history
