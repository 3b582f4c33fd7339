"""Phase 5: render a panel (edit model compositing character references, or generation model without any)."""

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.contracts import ReferenceUrl, RenderPanelInput
from activities.errors import provider_errors
from activities.rendering import heartbeating, store_artifact
from domain.artifact import Artifact
from providers.images import ImageProvider, ReferenceImage
from providers.media_store import MediaStore
from providers.prompts import panel_prompt


class PanelRenderActivities:
    """Panel renders on the injected image provider, stored in the media store."""

    def __init__(self, images: ImageProvider, media: MediaStore) -> None:
        self.images = images
        self.media = media

    async def _reference(self, reference: ReferenceUrl) -> ReferenceImage:
        data = await self.media.load(reference.url)
        if data is None:
            try:
                async with httpx.AsyncClient(timeout=30) as client:
                    response = await client.get(reference.url)
                    response.raise_for_status()
                    data = response.content
            except httpx.HTTPError as e:
                raise ApplicationError(f"reference image of {reference.name} unavailable: {e}") from e
        return ReferenceImage(name=reference.name, url=reference.url, data=data)

    @activity.defn(name="render_panel")
    async def render_panel(self, request: RenderPanelInput) -> Artifact:
        """Render and store the panel; return its Artifact."""
        references = [await self._reference(r) for r in request.references]
        prompt = panel_prompt(request.panel, [r.name for r in references])
        async with heartbeating():
            with provider_errors():
                image = await self.images.render_panel(request.panel, prompt, references)
        stem = f"{request.project_id}/panels/{request.panel.id}"
        return await store_artifact(self.media, stem, image, prompt)
