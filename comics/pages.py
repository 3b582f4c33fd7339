"""The comic's pages as a plan: which panels each page holds, where, how they are lettered, and a digest of it all.

Planning is pure and cheap (no image is opened): the workflow plans on every change, compares each page's digest
with the one its stored image was composed from, and composes only the pages whose inputs changed. Composing a
plan (`compose_planned`) is the CPU-bound part and runs in an activity.

Planning is workflow code: which pages a run composes depends on it, so a change to what `plan_pages` returns
(page splits, the lettering read from a script, the digest, COMPOSER_VERSION) changes the commands of runs in
flight and goes behind `workflow.patched` like any workflow change: a new PLANNER, which the workflow checks
(`workflows.comic.planner_in_effect`: the planner a run used is the one it replays with) and passes in. How a
page is drawn (comics.export, comics.lettering's placement, comics.balloons) is not: it runs in the activity only.

Planners: 1, the first; 2 reads figures whatever else the renderer says of them (1 skipped any with a pose,
so their balloons had no tail), aims tails at a creature across the panel where no one else stands, and gives the
lettering the faces to keep clear.
"""

import hashlib
import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from pydantic import Field

from comics.export import compose_page
from comics.layout import PageLayout, PageSpec, layout_comic
from comics.lettering import PanelLettering
from comics.script import lettering_for_panel
from domain.artifact import Artifact
from domain.base import StrictModel
from domain.page import LayoutPreference, Page, PageSlot
from domain.panel import Panel

# Bump when composition itself changes (drawing, lettering, fonts): every page's digest changes with it, so stored
# pages are composed again on the next run instead of being reused. A bump changes which pages running workflows
# compose: make the workflow pass the new value only under a `workflow.patched` check.
COMPOSER_VERSION = 1
PAGE_MODEL = "comic-builder/pages"
PLANNER = 2  # the newest planner (see above); runs that started before it replay with 1


class PagePlan(StrictModel):
    """Everything one page is composed from; `digest` names exactly that."""

    index: int = Field(ge=0)
    layout: PageLayout
    title: str | None = Field(default=None, description="Drawn in the title band (first page only)")
    panel_ids: list[UUID]
    panel_keys: list[str | None] = Field(description="Media key of each panel's current art (None: not rendered)")
    lettering: list[PanelLettering]
    digest: str = ""

    @property
    def ready(self) -> bool:
        """Whether every panel on the page has art to compose."""
        return all(key is not None for key in self.panel_keys)


def _digest(plan: PagePlan, planner: int) -> str:
    # Planner 1's lettering had no faces: left out, its digests are what they were.
    exclude: dict[str, Any] = (
        {"digest": True} if planner >= 2 else {"digest": True, "lettering": {"__all__": {"faces"}}}
    )
    inputs = plan.model_dump(mode="json", exclude=exclude)
    text = json.dumps({"composer": COMPOSER_VERSION, **inputs}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def plan_pages(
    panels: Sequence[Panel],
    title: str,
    preference: LayoutPreference = "grid",
    spec: PageSpec = PageSpec(),
    planner: int = PLANNER,
) -> list[PagePlan]:
    """The pages of these panels (in order): layout by count and emphasis, the title on page one, the lettering
    from each panel's caption and dialogue, aimed by its current art's figures (as `planner` reads them)."""
    plans = []
    for layout in layout_comic([p.emphasis for p in panels], spec, preference):
        on_page = [panels[slot.panel] for slot in layout.panels]
        plan = PagePlan(
            index=layout.number - 1,
            layout=layout,
            title=title if layout.title_box is not None and title.strip() else None,
            panel_ids=[p.id for p in on_page],
            panel_keys=[p.artifact.key if p.artifact is not None else None for p in on_page],
            lettering=[lettering_for_panel(p, planner=planner) for p in on_page],
        )
        plans.append(plan.model_copy(update={"digest": _digest(plan, planner)}))
    return plans


def stale(plans: Sequence[PagePlan], pages: Sequence[Page]) -> list[PagePlan]:
    """The plans whose page has no image composed from exactly these inputs."""
    return [
        plan
        for plan in plans
        if plan.index >= len(pages)
        or pages[plan.index].artifact is None
        or pages[plan.index].inputs_digest != plan.digest
    ]


def page_of(plan: PagePlan, page_id: UUID, artifact: Artifact) -> Page:
    """The Page a composed plan makes (history is the caller's: it knows the page's earlier images)."""
    slots = [
        PageSlot(panel_id=panel_id, x=slot.rect.x, y=slot.rect.y, width=slot.rect.width, height=slot.rect.height)
        for panel_id, slot in zip(plan.panel_ids, plan.layout.panels, strict=True)
    ]
    return Page(id=page_id, index=plan.index, panel_ids=plan.panel_ids, slots=slots, status="completed",
                artifact=artifact, inputs_digest=plan.digest)  # fmt: skip


def compose_planned(plan: PagePlan, art: Sequence[bytes]) -> bytes:
    """The page's PNG from its panels' art (in the plan's order), lettered (CPU-bound: run it in a thread)."""
    return compose_page(plan.layout, art, title=plan.title, page_number=plan.layout.number, lettering=plan.lettering)
