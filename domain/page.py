"""A page of the finished comic: which panels it holds and where, and the composed, lettered image.

Pages belong to the pipeline (a `compose_pages` run lays panels out, letters them and stores each page as an
artifact); users shape them through the panels (`emphasis`, `caption`, dialogue) and the project's `layout`.
"""

from typing import Literal
from uuid import UUID

from pydantic import Field

from domain.artifact import Artifact
from domain.base import StrictModel

Emphasis = Literal["normal", "wide", "splash"]
LayoutPreference = Literal["grid", "dynamic"]
PageStatus = Literal["pending", "composing", "completed", "error"]


class PageSlot(StrictModel):
    """Where one panel sits on its page, in page pixels."""

    panel_id: UUID
    x: int
    y: int
    width: int = Field(gt=0)
    height: int = Field(gt=0)


class Page(StrictModel):
    """One composed page: its panels in reading order, their rectangles, and its image with earlier ones."""

    id: UUID
    index: int = Field(ge=0, description="0-based position in the comic (page number minus one)")
    panel_ids: list[UUID] = Field(default_factory=list, description="The panels on this page, in reading order")
    slots: list[PageSlot] = Field(default_factory=list, description="Each panel's rectangle, in reading order")
    status: PageStatus = "pending"
    error: str | None = None
    artifact: Artifact | None = None
    history: list[Artifact] = Field(default_factory=list, description="Earlier compositions, oldest first")
    inputs_digest: str = Field(
        default="",
        description=(
            "Digest of what the artifact was composed from (layout, title, page number, panel art keys, lettering): "
            "a page whose inputs digest differs from the current one is composed again"
        ),
    )

    @property
    def number(self) -> int:
        return self.index + 1
