"""Inputs and outputs of the activities: small, so workflow history stays small (ids and deltas, not documents)."""

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from comics.pages import PagePlan
from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from domain.page import Page
from domain.panel import Panel
from domain.state import ConsolidatedComicState
from domain.style import DEFAULT_STYLE, Style


class StoryInput(BaseModel):
    """Write the story of `project_id` from `prompt`."""

    project_id: UUID
    prompt: str


class StoryOutput(BaseModel):
    text: str
    finish_reason: str
    usage: TokenUsage
    model: str = Field(default="", description="The model that answered (usage is recorded per model)")


class CharactersInput(BaseModel):
    """Extract the cast of `story`."""

    project_id: UUID
    story: str


class CharactersOutput(BaseModel):
    """The extracted cast, with what the extraction cost."""

    characters: list[CharacterProfile]
    usage: TokenUsage
    model: str = Field(default="", description="The model that answered (usage is recorded per model)")


class PanelsInput(BaseModel):
    """Break `story` into panels using only names from `cast`."""

    project_id: UUID
    story: str
    cast: list[str]


class PanelsOutput(BaseModel):
    """The panel breakdown, characters not yet checked against the cast."""

    panels: list[PanelDraft]
    usage: TokenUsage
    model: str = Field(default="", description="The model that answered (usage is recorded per model)")


class RenderCharacterInput(BaseModel):
    """Render the reference sheet of `character` (sent without its history) as render `render_id`."""

    project_id: UUID
    render_id: UUID = Field(description="One per render request, the same on every retry: names the stored file")
    character: Character
    style: Style = Field(default=DEFAULT_STYLE, description="The project's art style preset")


class SheetRef(BaseModel):
    """A cast member's current reference sheet: a media key in the project's own store, never a URL."""

    character_id: UUID
    name: str
    key: str


class RenderPanelInput(BaseModel):
    """Render `panel` (sent without its history), compositing the `references` sheets, or from text alone."""

    project_id: UUID
    render_id: UUID = Field(description="One per render request, the same on every retry: names the stored file")
    panel: Panel
    references: list[SheetRef] = Field(default_factory=list)
    style: Style = Field(default=DEFAULT_STYLE, description="The project's art style preset")


class Change(BaseModel):
    """What changed in one state update: for notifications (ids and statuses, not documents)."""

    kind: Literal["project", "story", "character", "panel", "phase"]
    id: str | None = None
    status: str | None = None


class PersistInput(BaseModel):
    """Write a state delta as `version`: a `state_diff` patch against the document at `expected_version`."""

    project_id: UUID
    expected_version: int = Field(description="The version the patch is based on: the row must hold it")
    version: int
    patch: dict[str, Any]
    title: str | None = None
    changes: list[Change] = Field(default_factory=list)


class StoredProject(BaseModel):
    """A project as stored: what a run starts from (read by its first step, or carried over by continue-as-new)."""

    title: str
    owner_id: str
    version: int
    state: ConsolidatedComicState


ExportFormat = Literal["pdf", "cbz", "png"]


class ExportInput(BaseModel):
    """Export the comic as `format`: its composed pages `page_keys`, or (runs from before pages were a phase)
    the rendered panels `panel_keys` laid out on the fly, in reading order."""

    project_id: UUID
    export_id: UUID = Field(description="Names the stored file; the same on every retry")
    format: ExportFormat
    title: str
    summary: str = ""
    writer: str = ""
    penciller: str = ""
    language: str = "en"
    characters: list[str] = Field(default_factory=list)
    panel_keys: list[str] = Field(default_factory=list)
    page_keys: list[str] = Field(default_factory=list, description="The composed pages: exported as they are")


class PageJob(BaseModel):
    """Compose page `page_id` from `plan` (its panels' art keys, lettering and layout)."""

    page_id: UUID
    plan: PagePlan


class ComposePagesInput(BaseModel):
    """Compose these pages of `project_id` (the stale ones: each is stored under its inputs' digest)."""

    project_id: UUID
    pages: list[PageJob]


class ComposePagesOutput(BaseModel):
    """The composed pages, in the order asked (history left empty: the workflow keeps it)."""

    pages: list[Page]
