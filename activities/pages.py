"""Page composition: the panels' art laid out on a page and lettered, stored as an artifact like a panel render.

A page is stored under `<project>/pages/<page id>-<inputs digest>.png` with its manifest beside it (the render
helpers of activities.rendering), so an attempt after a crash, or a later run asking for the same inputs, reuses
the stored page instead of composing it again.
"""

import asyncio
from io import BytesIO

from PIL import Image
from temporalio import activity

from activities.export import MISSING_PANEL
from activities.rendering import heartbeating, load_own, store_artifact, stored_artifact
from comics.pages import PAGE_MODEL, compose_planned, page_of
from contracts.activities import ComposePagesInput, ComposePagesOutput, PageJob
from domain.artifact import Artifact
from providers.images import RenderedImage
from providers.media_store import MediaStore


def page_stem(project_id: object, job: PageJob) -> str:
    """The media key of a page's image, without its extension: one per page and set of inputs."""
    return f"{project_id}/pages/{job.page_id}-{job.plan.digest}"


class PageActivities:
    """Pages composed from the project's own media store and stored beside its renders."""

    def __init__(self, media: MediaStore) -> None:
        self.media = media

    async def _art(self, request: ComposePagesInput, job: PageJob) -> list[bytes]:
        page = job.plan.index + 1
        return [
            await load_own(
                self.media,
                key,
                f"{request.project_id}/panels/{panel_id}",  # that very panel's own render
                error_type=MISSING_PANEL,
                foreign=f"page {page}: panel {panel_id} has no render of this project",
                missing=f"page {page}: the render of panel {panel_id} is missing from the media store",
            )
            for panel_id, key in zip(job.plan.panel_ids, job.plan.panel_keys, strict=True)
        ]

    async def _compose(self, request: ComposePagesInput, job: PageJob) -> Artifact:
        stem = page_stem(request.project_id, job)
        stored = await stored_artifact(self.media, stem)
        if stored is not None:
            return stored
        art = await self._art(request, job)
        data = await asyncio.to_thread(compose_planned, job.plan, art)
        width, height = Image.open(BytesIO(data)).size
        image = RenderedImage(data=data, content_type="image/png", width=width, height=height, model=PAGE_MODEL)
        return await store_artifact(self.media, stem, image, prompt="")

    @activity.defn(name="compose_pages")
    async def compose_pages(self, request: ComposePagesInput) -> ComposePagesOutput:
        """Compose and store each page asked for (a stored one is reused); the Pages, in the order asked."""
        pages = []
        async with heartbeating(render=False):
            for job in request.pages:
                artifact = await self._compose(request, job)
                pages.append(page_of(job.plan, job.page_id, artifact))
        return ComposePagesOutput(pages=pages)
