"""Each page's progress for the status endpoint: up to date, being composed, waiting, or failed.

Whether a page is up to date needs the comic planned (its digest against the stored page's), about a millisecond
for ten panels: that is done once per project version and remembered, so the polls that find nothing changed
(most of them) only look it up. A version names one state for good, so what is remembered never goes stale.
"""

from collections import OrderedDict
from uuid import UUID

from api.schemas import PageProgress
from comics.pages import PLANNER, plan_pages, stale
from core.media_urls import MediaSigner
from domain.page import PageStatus
from domain.state import ConsolidatedComicState

REMEMBERED = 4096  # project versions: a few hundred bytes each
_planned: OrderedDict[tuple[UUID, int], list[tuple[list[UUID], bool]]] = OrderedDict()


def _planned_pages(
    project_id: UUID, version: int, title: str, state: ConsolidatedComicState
) -> list[tuple[list[UUID], bool]]:
    """(panel ids, up to date) of each page the comic is laid out on at this version."""
    key = (project_id, version)
    found = _planned.get(key)
    if found is None:
        plans = plan_pages(state.panels, title, state.layout)
        outdated = {plan.index for plan in stale(plans, state.pages)}
        # A run that started before a planner change composes with the planner it started with (its workflow is
        # patched so): a page up to date under that one is up to date. Pages are laid out alike by every planner.
        for older in range(PLANNER - 1, 0, -1):
            if outdated:
                earlier = plan_pages(state.panels, title, state.layout, planner=older)
                outdated &= {plan.index for plan in stale(earlier, state.pages)}
        found = [(plan.panel_ids, plan.index not in outdated) for plan in plans]
        _planned[key] = found
        if len(_planned) > REMEMBERED:
            _planned.popitem(last=False)
    else:
        _planned.move_to_end(key)
    return found


def page_progress(
    project_id: UUID, version: int, title: str, state: ConsolidatedComicState, signer: MediaSigner
) -> list[PageProgress]:
    """The pages as planned now, each with its stored image (if any) and whether that image is up to date.

    A page that is not: `composing` while the pages phase runs, `error` when it failed, else `pending` (its panels
    are rendering or have no art yet, or the composition has not started).
    """
    phase = state.phases.pages
    waiting: PageStatus = (
        "composing" if phase.status == "running" else "error" if phase.status == "error" else "pending"
    )
    progress = []
    for index, (panel_ids, current) in enumerate(_planned_pages(project_id, version, title, state)):
        page = state.pages[index] if index < len(state.pages) else None
        artifact = page.artifact if page is not None else None
        status: PageStatus = "completed" if current else waiting
        progress.append(
            PageProgress(
                id=page.id if page is not None else None,
                number=index + 1,
                status=status,
                error=phase.error if status == "error" else None,
                panel_ids=panel_ids,
                url=signer.url(artifact.key) if artifact is not None else None,
            )
        )
    return progress
